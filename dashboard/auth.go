package dashboard

import (
	"errors"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/csrf"
	"github.com/gofiber/fiber/v2/middleware/limiter"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/users"
)

const (
	sessionCookie   = "careerkpi_session"
	sessionLifetime = 12 * time.Hour
	// csrfField is the form field, and csrfHeader the header of scripts,
	// that carry the CSRF token.
	csrfField  = "_csrf"
	csrfHeader = "X-CSRF-Token"
	// Login attempts that failed: at most loginAttempts per address and
	// name in loginWindow.
	loginAttempts = 5
	loginWindow   = 15 * time.Minute
)

// Locals keys.
const (
	localUser = "careerkpi.user"
	localCSRF = "careerkpi.csrf"
	// localToken marks a request authenticated by an API token.
	localToken = "careerkpi.token"
)

// userCache keeps the users the sessions name for a few seconds, so that a
// page does not read the users table for every request, and a removal or a
// new password (which raise the revision) ends sessions within seconds.
type userCache struct {
	store queries.Store
	mu    sync.Mutex
	users map[string]cachedUser
}

type cachedUser struct {
	u    users.User
	err  error
	read time.Time
}

const userCacheTTL = 10 * time.Second

func newUserCache(s queries.Store) *userCache {
	return &userCache{store: s, users: map[string]cachedUser{}}
}

func (uc *userCache) get(c *fiber.Ctx, name string) (users.User, error) {
	uc.mu.Lock()
	cu, ok := uc.users[name]
	uc.mu.Unlock()
	if ok && time.Since(cu.read) < userCacheTTL {
		return cu.u, cu.err
	}
	u, err := users.Get(c.Context(), uc.store, name)
	if err != nil && !errors.Is(err, users.ErrNotFound) {
		return users.User{}, err // the store failed: ask again next time
	}
	uc.mu.Lock()
	uc.users[name] = cachedUser{u: u, err: err, read: time.Now()}
	uc.mu.Unlock()
	return u, err
}

// forget drops a user whose account this process changed.
func (uc *userCache) forget(name string) {
	uc.mu.Lock()
	delete(uc.users, name)
	uc.mu.Unlock()
}

// csrfProtection checks the CSRF token of every request that changes
// something: the form field _csrf or the header X-CSRF-Token must carry the
// session's token.
func (d *Dashboard) csrfProtection() fiber.Handler {
	return csrf.New(csrf.Config{
		Session:        d.sessions,
		Expiration:     sessionLifetime,
		CookieName:     "careerkpi_csrf",
		CookieHTTPOnly: true,
		CookieSameSite: "Lax",
		ContextKey:     localCSRF,
		Extractor: func(c *fiber.Ctx) (string, error) {
			if t := c.FormValue(csrfField); t != "" {
				return t, nil
			}
			if t := c.Get(csrfHeader); t != "" {
				return t, nil
			}
			return "", csrf.ErrTokenNotFound
		},
		ErrorHandler: func(c *fiber.Ctx, _ error) error {
			return errForbiddenCSRF
		},
	})
}

var errForbiddenCSRF = &fiber.Error{Code: fiber.StatusForbidden, Message: msgCSRF}

// authenticate finds the session's user. A page asked for without one
// sends the browser to the login page and back; an API call is refused.
func (d *Dashboard) authenticate(c *fiber.Ctx) error {
	u, err := d.sessionUser(c)
	if err != nil {
		return err
	}
	if u == nil {
		if strings.HasPrefix(c.Path(), "/api/") {
			return fiber.ErrUnauthorized
		}
		return c.Redirect("/login?next="+url.QueryEscape(string(c.Request().RequestURI())), fiber.StatusSeeOther)
	}
	c.Locals(localUser, u)
	return c.Next()
}

// authenticateAPI finds the user of an API call: by the bearer token it
// carries, or else by its session, as the pages do. A call with a token
// carries no cookie, so it needs no CSRF token either.
func (d *Dashboard) authenticateAPI(c *fiber.Ctx) error {
	token, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	if !ok {
		return d.authenticate(c)
	}
	u, err := users.ByToken(c.Context(), d.store, strings.TrimSpace(token))
	if errors.Is(err, users.ErrCredentials) {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="careerkpi"`)
		return problem(fiber.StatusUnauthorized, "the token is not valid: it is unknown, revoked, or its user was removed")
	}
	if err != nil {
		return err
	}
	c.Locals(localUser, &u)
	c.Locals(localToken, true)
	return c.Next()
}

// apiCSRF checks the CSRF token of API calls made with a session.
func (d *Dashboard) apiCSRF() fiber.Handler {
	check := d.csrfProtection()
	return func(c *fiber.Ctx) error {
		if byToken, _ := c.Locals(localToken).(bool); byToken {
			return c.Next()
		}
		return check(c)
	}
}

// sessionUser returns the session's user, or nil when no one is logged in
// (or the account was removed or its password changed since).
func (d *Dashboard) sessionUser(c *fiber.Ctx) (*users.User, error) {
	sess, err := d.sessions.Get(c)
	if err != nil {
		return nil, err
	}
	name, _ := sess.Get("user").(string)
	rev, _ := sess.Get("revision").(uint64)
	if name == "" {
		return nil, nil
	}
	u, err := d.users.get(c, name)
	if errors.Is(err, users.ErrNotFound) || err == nil && u.Revision != rev {
		return nil, sess.Destroy()
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// user returns the authenticated user of a request.
func user(c *fiber.Ctx) *users.User {
	u, _ := c.Locals(localUser).(*users.User)
	return u
}

// require lets through the users whose role passes allowed.
func require(allowed func(users.Role) bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if u := user(c); u == nil || !allowed(u.Role) {
			return errForbidden
		}
		return c.Next()
	}
}

var errForbidden = &fiber.Error{Code: fiber.StatusForbidden, Message: msgForbidden}

func isAdmin(r users.Role) bool { return r == users.Admin }

// loginLimiter refuses a sixth failed login for the same name from the same
// address within 15 minutes; a login that succeeds does not count.
func loginLimiter() fiber.Handler {
	return limiter.New(limiter.Config{
		Max:        loginAttempts,
		Expiration: loginWindow,
		KeyGenerator: func(c *fiber.Ctx) string {
			return c.IP() + "\x00" + strings.ToLower(strings.TrimSpace(c.FormValue("name")))
		},
		SkipSuccessfulRequests: true,
		LimitReached: func(c *fiber.Ctx) error {
			return &fiber.Error{Code: fiber.StatusTooManyRequests, Message: msgTooManyLogins}
		},
	})
}

// loginPage answers GET /login.
func (d *Dashboard) loginPage(c *fiber.Ctx) error {
	if u, err := d.sessionUser(c); err == nil && u != nil {
		return c.Redirect(safeNext(c.Query("next")), fiber.StatusSeeOther)
	}
	return d.render(c, "login", pageInfo{Title: msgLogIn}, loginData{Next: safeNext(c.Query("next"))})
}

type loginData struct {
	Next, Name string
	Failed     bool
}

// login answers POST /login: a name and password that match start a
// session (under a new id, so a session id planted before cannot be
// used) and go on to the page asked for.
func (d *Dashboard) login(c *fiber.Ctx) error {
	name, password, next := strings.TrimSpace(c.FormValue("name")), c.FormValue("password"), safeNext(c.FormValue("next"))
	u, err := users.Authenticate(c.Context(), d.store, name, password)
	if errors.Is(err, users.ErrCredentials) {
		c.Status(fiber.StatusUnauthorized)
		return d.render(c, "login", pageInfo{Title: msgLogIn}, loginData{Next: next, Name: name, Failed: true})
	}
	if err != nil {
		return err
	}
	sess, err := d.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	sess.Set("user", u.Name)
	sess.Set("revision", u.Revision)
	if err := sess.Save(); err != nil {
		return err
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// logout answers POST /logout.
func (d *Dashboard) logout(c *fiber.Ctx) error {
	sess, err := d.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Destroy(); err != nil {
		return err
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}

// safeNext keeps a page to go on to after logging in only if it is a path
// on this server.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.HasPrefix(next, "/login") {
		return "/"
	}
	return next
}
