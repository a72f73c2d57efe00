package dashboard

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
)

// statusOf maps an error to its HTTP status: the one place that does.
func statusOf(err error) int {
	var fe *fiber.Error
	var pe *problemError
	switch {
	case errors.As(err, &pe):
		return pe.status
	case errors.As(err, &fe):
		return fe.Code
	case metrics.IsRequestError(err):
		return fiber.StatusBadRequest
	case errors.Is(err, queries.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return fiber.StatusServiceUnavailable
	case errors.Is(err, queries.ErrNoRows):
		return fiber.StatusNotFound
	}
	return fiber.StatusInternalServerError
}

// errorHandler answers an error with its status and a message a person can
// act on; the details of a server error go to the log, never to the
// client. The API answers with problem details (RFC 9457), the pages with
// a page.
func (d *Dashboard) errorHandler(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if status >= 500 {
		slog.Error("request_failed", "method", c.Method(), "path", c.Path(), "status", status, "error", err)
	}
	p := printer(c)
	msg := p.Sprintf(statusMessage(status))
	var pe *problemError
	var fe *fiber.Error
	switch {
	case errors.As(err, &pe):
		msg = pe.detail
		if pe.key != "" {
			msg = p.Sprintf(pe.key, pe.args...)
		}
	case errors.As(err, &fe) && status < 500 && fe.Message != http.StatusText(status) && fe.Message != "":
		msg = p.Sprintf(fe.Message)
	case metrics.IsRequestError(err):
		msg = err.Error()
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.Status(status).JSON(problemDetails{Type: "about:blank", Title: http.StatusText(status), Status: status,
			Detail: strings.TrimPrefix(msg, "metrics: ")}, "application/problem+json")
	}
	c.Status(status)
	if rerr := d.render(c, "error", pageInfo{Title: statusTitle(status)}, errorData{Status: status, Message: msg}); rerr != nil {
		slog.Error("error_page_failed", "path", c.Path(), "error", rerr)
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.SendString(msg)
	}
	return nil
}

type errorData struct {
	Status  int
	Message string
}

// problemDetails is an API error, as RFC 9457 describes.
type problemDetails struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// problemError is an error of the client's request with a message for it:
// detail as it is, or a message of the catalog (key) with its arguments.
type problemError struct {
	status int
	detail string
	key    string
	args   []any
}

func (e *problemError) Error() string { return e.detail }

// problem returns an error the API answers with status and the message.
func problem(status int, format string, args ...any) error {
	return &problemError{status: status, detail: fmt.Sprintf(format, args...)}
}

// badRequest returns a 400 error with a message of the catalog.
func badRequest(key string, args ...any) error {
	return &problemError{status: fiber.StatusBadRequest, detail: fmt.Sprintf(key, args...), key: key, args: args}
}

func statusMessage(status int) string {
	switch {
	case status == fiber.StatusNotFound:
		return msgNotFound
	case status == fiber.StatusForbidden:
		return msgForbidden
	case status == fiber.StatusUnauthorized:
		return msgUnauthorized
	case status == fiber.StatusServiceUnavailable:
		return msgUnavailable
	case status < 500:
		return msgBadRequest
	}
	return msgInternal
}

func statusTitle(status int) string {
	switch status {
	case fiber.StatusNotFound:
		return msgTitleNotFound
	case fiber.StatusForbidden:
		return msgTitleForbidden
	}
	if status < 500 {
		return msgTitleBadRequest
	}
	return msgTitleError
}
