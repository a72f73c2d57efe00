// Package dashboard owns what careerkpi serves over HTTP: the pages for
// executives and HR, and the API for analysts. Handlers are thin: they decode
// the request, call the layers below and render. Routes are in routes.go,
// user-facing text in both languages in messages.go, and the mapping of
// errors to HTTP status in errors.go.
package dashboard
