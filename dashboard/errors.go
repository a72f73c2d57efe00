package dashboard

import (
	"context"
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/queries"
)

// statusOf maps an error to its HTTP status: the one place that does.
func statusOf(err error) int {
	var fe *fiber.Error
	switch {
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
// details go to the log, never to the browser.
func errorHandler(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if status >= 500 {
		slog.Error("request_failed", "method", c.Method(), "path", c.Path(), "status", status, "error", err)
	}
	msg := printer(c).Sprintf(statusMessage(status))
	c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
	return c.Status(status).SendString(msg)
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
