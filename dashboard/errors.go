package dashboard

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

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
	case errors.Is(err, queries.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return fiber.StatusServiceUnavailable
	case errors.Is(err, queries.ErrNoRows):
		return fiber.StatusNotFound
	}
	return fiber.StatusInternalServerError
}

// errorHandler answers an error with its status and a short message; the
// details of a server error go to the log, never to the client. The API
// answers with problem details (RFC 9457).
func errorHandler(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if status >= 500 {
		slog.Error("request_failed", "method", c.Method(), "path", c.Path(), "status", status, "error", err)
	}
	msg := printer(c).Sprintf(statusMessage(status))
	if strings.HasPrefix(c.Path(), "/api/") {
		p := problemDetails{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: msg}
		var pe *problemError
		if errors.As(err, &pe) {
			p.Detail = pe.detail
		}
		c.Set(fiber.HeaderContentType, "application/problem+json")
		return c.Status(status).JSON(p)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
	return c.Status(status).SendString(msg)
}

// problemDetails is an API error, as RFC 9457 describes.
type problemDetails struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// problemError is an error of the client's request with a message for it.
type problemError struct {
	status int
	detail string
}

func (e *problemError) Error() string { return e.detail }

// problem returns an error the API answers with status and the message.
func problem(status int, format string, args ...any) error {
	return &problemError{status: status, detail: fmt.Sprintf(format, args...)}
}

func statusMessage(status int) string {
	switch {
	case status == fiber.StatusNotFound:
		return msgNotFound
	case status == fiber.StatusServiceUnavailable:
		return msgUnavailable
	case status < 500:
		return msgBadRequest
	}
	return msgInternal
}
