package users

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/careerkpi/careerkpi/queries"
)

// Role is what a user may do.
type Role string

// The roles. Admin and HR see and do everything (admin also manages the
// users); an executive reads every page; a department head reads the pages
// of their department, or of their division and the departments in it; an
// analyst reads the metrics through the API.
const (
	Admin          Role = "admin"
	HR             Role = "hr"
	Executive      Role = "executive"
	DepartmentHead Role = "department_head"
	Analyst        Role = "analyst"
)

// Roles lists every role, most powerful first.
var Roles = []Role{Admin, HR, Executive, DepartmentHead, Analyst}

// ParseRole reads a role by its name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.TrimSpace(s))
	if !slices.Contains(Roles, r) {
		names := make([]string, len(Roles))
		for i, r := range Roles {
			names[i] = string(r)
		}
		return "", fmt.Errorf("%w: %q is not a role (%s)", ErrInvalid, s, strings.Join(names, ", "))
	}
	return r, nil
}

// ManagesData reports whether the role loads data, edits targets and
// publishes: admin and HR.
func (r Role) ManagesData() bool { return r == Admin || r == HR }

// ReadsPages reports whether the role reads the chart pages.
func (r Role) ReadsPages() bool { return r != Analyst }

// User is an account as it is now.
type User struct {
	Name        string `ch:"name"`
	DisplayName string `ch:"display_name"`
	Role        Role   `ch:"role"`
	// Scope is, for a department head, the department or division they
	// see; empty for every other role.
	Scope        string    `ch:"scope"`
	PasswordHash string    `ch:"password_hash"`
	Deleted      bool      `ch:"deleted"`
	Revision     uint64    `ch:"revision"`
	CreatedAt    time.Time `ch:"created_at"`
	UpdatedAt    time.Time `ch:"updated_at"`
}

// Errors of the package, for errors.Is.
var (
	ErrInvalid     = errors.New("users: invalid")
	ErrExists      = errors.New("users: the user exists")
	ErrNotFound    = errors.New("users: no such user")
	ErrCredentials = errors.New("users: wrong name or password")
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// Cost is the bcrypt cost of new password hashes: about 80 ms a hash on
// one core here, which makes guessing slow and a login quick.
var Cost = 11

// New describes a user to add.
type New struct {
	Name        string
	DisplayName string
	Role        Role
	Scope       string
	Password    string
}

func (n New) validate() error {
	if err := validName(n.Name); err != nil {
		return err
	}
	if _, err := ParseRole(string(n.Role)); err != nil {
		return err
	}
	switch {
	case n.Role == DepartmentHead && strings.TrimSpace(n.Scope) == "":
		return fmt.Errorf("%w: a department head needs a scope: the department or division they see", ErrInvalid)
	case n.Role != DepartmentHead && n.Scope != "":
		return fmt.Errorf("%w: only a department head has a scope; %s sees every department", ErrInvalid, n.Role)
	}
	return validPassword(n.Password)
}

func validName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("%w: a user name has 1 to 64 characters", ErrInvalid)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-@", r)) {
			return fmt.Errorf("%w: user name %q: use letters, digits and . _ - @ only", ErrInvalid, name)
		}
	}
	return nil
}

func validPassword(p string) error {
	if utf8.RuneCountInString(p) < MinPasswordLength {
		return fmt.Errorf("%w: a password has at least %d characters", ErrInvalid, MinPasswordLength)
	}
	if len(p) > 72 {
		return fmt.Errorf("%w: a password has at most 72 bytes (bcrypt reads no more)", ErrInvalid)
	}
	return nil
}

// Add adds a user. A removed user's name may be taken again.
func Add(ctx context.Context, s queries.Store, n New) (User, error) {
	n.Scope = strings.TrimSpace(n.Scope)
	if err := n.validate(); err != nil {
		return User{}, err
	}
	last, err := latest(ctx, s, n.Name)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return User{}, err
	}
	if err == nil && !last.Deleted {
		return User{}, fmt.Errorf("%w: %s", ErrExists, n.Name)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(n.Password), Cost)
	if err != nil {
		return User{}, fmt.Errorf("users: hash the password: %w", err)
	}
	now := time.Now().UTC()
	u := User{Name: n.Name, DisplayName: strings.TrimSpace(n.DisplayName), Role: n.Role, Scope: n.Scope,
		PasswordHash: string(hash), Revision: last.Revision + 1, CreatedAt: now, UpdatedAt: now}
	if u.DisplayName == "" {
		u.DisplayName = u.Name
	}
	return u, write(ctx, s, u)
}

// SetPassword changes a user's password. Sessions opened with the old one
// end.
func SetPassword(ctx context.Context, s queries.Store, name, password string) error {
	if err := validPassword(password); err != nil {
		return err
	}
	u, err := Get(ctx, s, name)
	if err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), Cost)
	if err != nil {
		return fmt.Errorf("users: hash the password: %w", err)
	}
	u.PasswordHash, u.Revision, u.UpdatedAt = string(hash), u.Revision+1, time.Now().UTC()
	return write(ctx, s, u)
}

// Remove removes a user; their sessions end.
func Remove(ctx context.Context, s queries.Store, name string) error {
	u, err := Get(ctx, s, name)
	if err != nil {
		return err
	}
	u.PasswordHash, u.Deleted, u.Revision, u.UpdatedAt = "", true, u.Revision+1, time.Now().UTC()
	return write(ctx, s, u)
}

func write(ctx context.Context, s queries.Store, u User) error {
	if _, err := s.Insert(ctx, "users", queries.Slice([]User{u})); err != nil {
		return fmt.Errorf("users: write %s: %w", u.Name, err)
	}
	return nil
}

// latest returns the newest revision of a name, removed or not.
func latest(ctx context.Context, s queries.Store, name string) (User, error) {
	u, err := queries.Get[User](ctx, s, queries.SQL("users_get"), queries.Params{"name": name})
	if errors.Is(err, queries.ErrNoRows) {
		return User{}, fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	if err != nil {
		return User{}, fmt.Errorf("users: read %s: %w", name, err)
	}
	return u, nil
}

// Get returns a user who exists now.
func Get(ctx context.Context, s queries.Store, name string) (User, error) {
	u, err := latest(ctx, s, name)
	if err == nil && u.Deleted {
		return User{}, fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	return u, err
}

// List returns the users, by name.
func List(ctx context.Context, s queries.Store) ([]User, error) {
	us, err := queries.Select[User](ctx, s, queries.SQL("users_list"), nil)
	if err != nil {
		return nil, fmt.Errorf("users: list: %w", err)
	}
	return us, nil
}

// dummyHash is compared with when the name is unknown, so that a wrong
// name takes as long as a wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("careerkpi-no-such-user"), Cost)
	return h
})

// Authenticate returns the user with this name and password, or
// ErrCredentials, which does not say which of the two was wrong.
func Authenticate(ctx context.Context, s queries.Store, name, password string) (User, error) {
	u, err := Get(ctx, s, name)
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return User{}, ErrCredentials
	}
	if err != nil {
		return User{}, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return User{}, ErrCredentials
	}
	return u, nil
}
