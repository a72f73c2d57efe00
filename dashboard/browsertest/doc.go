// Package browsertest drives a real headless chromium for the tests of the
// pages: Debian's /usr/bin/chromium (or the one CAREERKPI_CHROMIUM names),
// started by Start with a profile of its own and stopped when the test ends.
// There is no fake browser.
//
// Each Tab is a separate person: a browser context of its own, with its own
// cookies and storage, so that a test can be logged in as two users side by
// side. From the moment it opens, a tab records what a person would see go
// wrong in the developer tools — console errors and warnings, uncaught
// exceptions, alert, confirm and prompt dialogs (dismissed at once, so that
// the page goes on), failed requests, server errors, Content Security Policy
// violations and requests to any origin but the allowed one — and Problems
// returns them.
//
// Like querytest, the package is for tests only: every helper fails the test
// with the URL and the selector involved rather than returning an error.
//
// A typical test:
//
//	b := browsertest.Start(t)
//	tab := b.NewTab(t, browsertest.Options{AcceptLanguage: "ja"})
//	tab.Open(srv.URL + "/")
//	tab.WaitVisible("#chart canvas")
//	if p := tab.Problems(); len(p) > 0 {
//		t.Errorf("the overview page has problems:\n%s", strings.Join(p, "\n"))
//	}
//	tab.Screenshot("overview")
package browsertest
