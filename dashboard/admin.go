package dashboard

import (
	"crypto/rand"
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/users"
)

type usersData struct {
	Users []users.User
	Roles []users.Role
	// Scopes are the divisions and departments a department head may
	// have.
	Divisions, Departments []string
	// Created and Password: a user just added, with the password made up
	// for them, shown once.
	Created, Password string
	Removed           string
	Error             string
}

func (d *Dashboard) usersData(c *fiber.Ctx) (usersData, error) {
	list, err := users.List(c.Context(), d.store)
	if err != nil {
		return usersData{}, err
	}
	ch, err := d.choices(c.Context())
	if err != nil {
		return usersData{}, err
	}
	return usersData{Users: list, Roles: users.Roles, Divisions: ch.Divisions, Departments: ch.Departments}, nil
}

// usersPage answers GET /admin/users.
func (d *Dashboard) usersPage(c *fiber.Ctx) error {
	data, err := d.usersData(c)
	if err != nil {
		return err
	}
	return d.render(c, "users", pageInfo{Title: msgUsers, Nav: "/admin/users"}, data)
}

// addUser answers POST /admin/users: a new user, with a password made up
// for them and shown once.
func (d *Dashboard) addUser(c *fiber.Ctx) error {
	pw := rand.Text()
	_, err := users.Add(c.Context(), d.store, users.New{Name: c.FormValue("name"), DisplayName: c.FormValue("display_name"),
		Role: users.Role(c.FormValue("role")), Scope: c.FormValue("scope"), Password: pw})
	data, derr := d.usersData(c)
	if derr != nil {
		return derr
	}
	switch {
	case errors.Is(err, users.ErrInvalid), errors.Is(err, users.ErrExists):
		data.Error = err.Error()
		c.Status(fiber.StatusUnprocessableEntity)
	case err != nil:
		return err
	default:
		data.Created, data.Password = c.FormValue("name"), pw
		d.users.forget(data.Created)
	}
	return d.render(c, "users", pageInfo{Title: msgUsers, Nav: "/admin/users"}, data)
}

// removeUser answers POST /admin/users/:name/remove. An admin cannot remove
// themselves: someone must be left to manage the users.
func (d *Dashboard) removeUser(c *fiber.Ctx) error {
	name := c.Params("name")
	if name == user(c).Name {
		return badRequest(msgRemoveSelf)
	}
	if err := users.Remove(c.Context(), d.store, name); err != nil {
		if errors.Is(err, users.ErrNotFound) {
			return fiber.ErrNotFound
		}
		return err
	}
	d.users.forget(name)
	data, err := d.usersData(c)
	if err != nil {
		return err
	}
	data.Removed = name
	return d.render(c, "users", pageInfo{Title: msgUsers, Nav: "/admin/users"}, data)
}
