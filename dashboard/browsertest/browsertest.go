package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumVariable names the chromium executable to run instead of
// DefaultChromium.
const ChromiumVariable = "CAREERKPI_CHROMIUM"

// DefaultChromium is the executable of Debian's chromium package.
const DefaultChromium = "/usr/bin/chromium"

// ArtifactsVariable names the folder that Screenshot writes to instead of
// bin/artifacts/screenshots in the module.
const ArtifactsVariable = "CAREERKPI_ARTIFACTS"

// DefaultTimeout is how long a tab waits for a page, an element or a script
// when Options.Timeout is zero.
const DefaultTimeout = 20 * time.Second

const (
	// quietTime is how long a page must have no request in flight to count
	// as loaded.
	quietTime = 300 * time.Millisecond
	// windowWidth and windowHeight are the size of every window: a common
	// laptop screen.
	windowWidth, windowHeight = 1366, 900
	// maxProblems bounds what a tab keeps, for a page that fails in a loop.
	maxProblems = 200
)

// Browser is a headless chromium with a profile of its own, running until
// the test that started it ends.
type Browser struct {
	ctx       context.Context // the chromedp context of the browser's first tab
	userAgent string
}

// BrowserOptions are the settings of a browser.
type BrowserOptions struct {
	// Lang is the language of the browser (--lang and --accept-lang): one
	// language such as "en-US", or a list such as "ja,en", which tabs send
	// as their Accept-Language unless their Options say otherwise; "ja" when
	// empty.
	Lang string
}

// Start starts chromium for t and stops it when t ends. It fails t when
// chromium is not installed.
func Start(t testing.TB) *Browser {
	t.Helper()
	return StartWith(t, BrowserOptions{})
}

// StartWith is like Start with options.
func StartWith(t testing.TB, opts BrowserOptions) *Browser {
	t.Helper()
	bin, err := chromium()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	if opts.Lang == "" {
		opts.Lang = "ja"
	}
	lang, _, _ := strings.Cut(opts.Lang, ",")
	out := &tail{}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		// Without the networking flags chromium keeps calling Google's
		// services, which floods a closed network. chromedp adds only
		// --remote-debugging-pipe and the first page, about:blank.
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(windowWidth, windowHeight),
		// Chromium on Linux ignores --lang for what pages see (the
		// Accept-Language header, navigator.languages); --accept-lang
		// sets it.
		chromedp.Flag("lang", lang),
		chromedp.Flag("accept-lang", opts.Lang),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.CombinedOutput(out),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop := func() {
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		chromedp.Cancel(cctx) // closes the browser gracefully
		ccancel()
		cancel()
		cancelAlloc() // waits for the process to exit
	}
	// The first Run binds the browser to its context, so it cannot take a
	// deadline of its own.
	watchdog := time.AfterFunc(time.Minute, cancel)
	err = chromedp.Do(ctx)
	if !watchdog.Stop() && err == nil {
		err = errors.New("it did not start within a minute")
	}
	var v browser.GetVersionResult
	if err == nil {
		v, err = chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	}
	if err != nil {
		stop()
		t.Fatalf("browsertest: start %s: %v\n%s", bin, err, out)
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() && out.String() != "" {
			t.Logf("browsertest: the output of %s:\n%s", bin, out)
		}
	})
	return &Browser{ctx: ctx, userAgent: v.UserAgent}
}

// chromium returns the chromium executable, or an error that says how to
// install it.
func chromium() (string, error) {
	name := os.Getenv(ChromiumVariable)
	if name == "" {
		name = DefaultChromium
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	if os.Getenv(ChromiumVariable) != "" {
		return "", fmt.Errorf("%s=%s is not an executable: point it at chromium, or unset it and run `sudo apt-get install -y chromium fonts-noto-cjk`", ChromiumVariable, name)
	}
	return "", fmt.Errorf("chromium is not installed (no %s): run `sudo apt-get install -y chromium fonts-noto-cjk` (or bash .ci/run), or set %s to a chromium executable", name, ChromiumVariable)
}

// tail keeps the last part of the browser's output, for failures.
type tail struct {
	mu sync.Mutex
	b  []byte
}

func (w *tail) Write(p []byte) (int, error) {
	const keep = 8 << 10
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b = append(w.b, p...)
	if len(w.b) > keep {
		w.b = append([]byte(nil), w.b[len(w.b)-keep:]...)
	}
	return len(p), nil
}

// String returns the last lines of the output, without the complaints
// about the missing D-Bus that headless chromium always prints.
func (w *tail) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var lines []string
	for l := range strings.Lines(string(w.b)) {
		if strings.TrimSpace(l) != "" && !strings.Contains(l, ":ERROR:dbus/") {
			lines = append(lines, strings.TrimRight(l, "\n"))
		}
	}
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}

// Options are the settings of a tab.
type Options struct {
	// AllowedOrigin is the one origin, such as "http://127.0.0.1:8080", that
	// the tab's pages may send requests to (data: and blob: URLs aside);
	// every request elsewhere is a problem. Empty means the origin of the
	// first URL the tab opens.
	AllowedOrigin string
	// AcceptLanguage is the tab's Accept-Language header and
	// navigator.languages, such as "en-US,en" (chromium adds the q-values
	// itself); empty means the browser's language.
	AcceptLanguage string
	// Timeout bounds each action of the tab; DefaultTimeout when zero.
	// Opening the tab itself has at least DefaultTimeout.
	Timeout time.Duration
}

// Tab is one page in a browser context of its own: its cookies, storage and
// cache are shared with no other tab. It records the page's problems from the
// moment it opens. Its methods fail the test given to NewTab, so a tab
// belongs to one test and must not be used from its subtests.
type Tab struct {
	t       testing.TB
	timeout time.Duration

	mu        sync.Mutex
	ctx       context.Context
	target    *chromedp.Target
	mainFrame cdp.FrameID
	allowed   string // origin
	url       string // of the main frame, as last navigated
	status    int    // of the last main document
	problems  []string
	dropped   int
	requests  map[network.RequestID]string // "GET url"
	inflight  map[network.RequestID]bool
	loading   bool
	activity  time.Time // of the last request, response or load
}

// NewTab opens a tab in a new browser context, like a separate person, and
// closes it when t ends.
func (b *Browser) NewTab(t testing.TB, opts Options) *Tab {
	t.Helper()
	tab := &Tab{
		t:        t,
		timeout:  opts.Timeout,
		requests: make(map[network.RequestID]string),
		inflight: make(map[network.RequestID]bool),
		activity: time.Now(),
	}
	if tab.timeout <= 0 {
		tab.timeout = DefaultTimeout
	}
	if opts.AllowedOrigin != "" {
		o, ok := origin(opts.AllowedOrigin)
		if !ok {
			t.Fatalf("browsertest: allowed origin %q is not an http or https origin", opts.AllowedOrigin)
		}
		tab.allowed = o
	}
	// The listener sees every event of the tab, from its first message.
	// chromedp enables the Runtime, Log, Network and Page domains when it
	// attaches, which the events below need.
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(tab.record))
	// The first Run binds the tab to its context, so it cannot take a
	// deadline of its own. Opening the tab is the browser's work, not the
	// page's: it has at least DefaultTimeout, however short the steps'
	// (a loaded machine takes more than a second to open one).
	open := max(tab.timeout, DefaultTimeout)
	watchdog := time.AfterFunc(open, cancel)
	err := chromedp.Do(ctx)
	if !watchdog.Stop() && err == nil {
		err = fmt.Errorf("gave up after %v", open)
	}
	if err != nil {
		cancel()
		t.Fatalf("browsertest: open a tab: %v", err)
	}
	t.Cleanup(cancel) // closes the tab and disposes of its browser context
	c := chromedp.FromContext(ctx)
	tab.mu.Lock()
	tab.ctx, tab.target = ctx, c.Target
	// A page's main frame has the id of its target.
	tab.mainFrame = cdp.FrameID(c.Target.TargetID)
	tab.mu.Unlock()
	if opts.AcceptLanguage != "" {
		tab.run("set the language", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
				UserAgent:      b.userAgent,
				AcceptLanguage: languages(opts.AcceptLanguage),
			})
			return err
		}))
	}
	return tab
}

// languages returns an Accept-Language list without its q-values, which
// chromium adds itself ("en-US,en;q=0.9" gives "en-US,en").
func languages(accept string) string {
	var tags []string
	for _, l := range strings.Split(accept, ",") {
		if tag, _, _ := strings.Cut(l, ";"); strings.TrimSpace(tag) != "" {
			tags = append(tags, strings.TrimSpace(tag))
		}
	}
	return strings.Join(tags, ",")
}

// record takes in one event of the tab. It runs on the goroutine that reads
// the browser's messages, so it must neither block nor call the browser.
func (tab *Tab) record(ev any) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		name := map[runtime.ConsoleAPICalledType]string{
			runtime.ConsoleAPICalledTypeError:   "console.error",
			runtime.ConsoleAPICalledTypeWarning: "console.warn",
			runtime.ConsoleAPICalledTypeAssert:  "console.assert",
		}[ev.Type]
		if name == "" {
			return
		}
		args := make([]string, len(ev.Args))
		for i, a := range ev.Args {
			args[i] = describe(a)
		}
		tab.problem("%s: %s%s", name, strings.Join(args, " "), where(ev.StackTrace))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text, _, _ = strings.Cut(d.Exception.Description, "\n")
		} else if d.Exception != nil {
			text = describe(d.Exception)
		}
		at := d.URL
		if at == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
			at = d.StackTrace.CallFrames[0].URL
		}
		tab.problem("uncaught exception: %s (%s:%d:%d)", text, short(at), d.LineNumber+1, d.ColumnNumber+1)
	case *log.EventEntryAdded:
		// Failed loads are reported from the network events, which name
		// the request; the rest, such as CSP violations, only come here.
		e := ev.Entry
		if e.Level != log.EntryLevelError || e.Source == log.EntrySourceNetwork {
			return
		}
		at := ""
		if e.URL != "" {
			at = fmt.Sprintf(" (%s:%d)", short(e.URL), e.LineNumber+1)
		}
		tab.problem("browser error (%s): %s%s", e.Source, e.Text, at)
	case *page.EventJavascriptDialogOpening:
		// A dialog stops the page until it is answered; beforeunload is
		// accepted so that the navigation goes on, the others dismissed.
		accept := ev.Type == page.DialogTypeBeforeunload
		if !accept {
			tab.problem("%s dialog: %q (dismissed)", ev.Type, ev.Message)
		}
		if tab.target != nil {
			go tab.answerDialog(tab.ctx, tab.target, accept)
		}
	case *network.EventRequestWillBeSent:
		req := ev.Request.Method + " " + short(ev.Request.URL)
		tab.requests[ev.RequestID] = req
		if ev.Type != network.ResourceTypeEventSource {
			tab.inflight[ev.RequestID] = true
		}
		tab.activity = time.Now()
		tab.checkOrigin(ev.Request.URL, req)
	case *network.EventWebSocketCreated:
		tab.checkOrigin(ev.URL, "WebSocket "+short(ev.URL))
	case *network.EventResponseReceived:
		tab.activity = time.Now()
		r := ev.Response
		if ev.Type == network.ResourceTypeDocument && ev.FrameID == tab.mainFrame {
			tab.status = int(r.Status)
		}
		status := fmt.Sprintf("%d %s", r.Status, r.StatusText)
		if r.StatusText == "" {
			status = fmt.Sprintf("%d %s", r.Status, http.StatusText(int(r.Status)))
		}
		switch {
		case r.Status >= 500:
			tab.problem("server error: %s for %s", status, tab.name(ev.RequestID, r.URL))
		case r.Status >= 400 && isStatic(ev.Type):
			tab.problem("missing %s: %s for %s", strings.ToLower(string(ev.Type)), status, tab.name(ev.RequestID, r.URL))
		}
	case *network.EventLoadingFinished:
		delete(tab.inflight, ev.RequestID)
		tab.activity = time.Now()
	case *network.EventLoadingFailed:
		delete(tab.inflight, ev.RequestID)
		tab.activity = time.Now()
		// A request the page or a navigation cancelled is no failure.
		if ev.Canceled {
			return
		}
		why := ev.ErrorText
		if ev.BlockedReason != "" {
			why += ", blocked: " + string(ev.BlockedReason)
		}
		if ev.CorsErrorStatus != nil {
			why += ", CORS: " + string(ev.CorsErrorStatus.CorsError)
		}
		tab.problem("failed request: %s: %s", tab.name(ev.RequestID, ""), why)
	case *page.EventFrameStartedLoading:
		if ev.FrameID == tab.mainFrame {
			tab.loading, tab.activity = true, time.Now()
		}
	case *page.EventFrameStoppedLoading:
		if ev.FrameID == tab.mainFrame {
			tab.loading, tab.activity = false, time.Now()
		}
	case *page.EventFrameNavigated:
		if ev.Frame.ParentID == "" {
			tab.url = ev.Frame.URL + ev.Frame.URLFragment
		}
	case *inspector.EventTargetCrashed:
		tab.problem("the page crashed")
	}
}

// problem records a problem; tab.mu is held.
func (tab *Tab) problem(format string, args ...any) {
	if len(tab.problems) >= maxProblems {
		tab.dropped++
		return
	}
	tab.problems = append(tab.problems, fmt.Sprintf(format, args...))
}

// checkOrigin records a request to another origin; tab.mu is held.
func (tab *Tab) checkOrigin(rawURL, req string) {
	u, err := url.Parse(rawURL)
	if err != nil {
		tab.problem("request to an unreadable URL: %s", req)
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "data", "blob", "about":
		return
	}
	if tab.allowed == "" {
		return // nothing opened yet: only about:blank
	}
	if o, _ := origin(rawURL); o != tab.allowed {
		tab.problem("request to another origin: %s (only %s is allowed)", req, tab.allowed)
	}
}

// name returns how to name a request in a problem; tab.mu is held.
func (tab *Tab) name(id network.RequestID, fallback string) string {
	if req, ok := tab.requests[id]; ok {
		return req
	}
	if fallback != "" {
		return short(fallback)
	}
	return "request " + string(id)
}

func (tab *Tab) answerDialog(ctx context.Context, target *chromedp.Target, accept bool) {
	ctx, cancel := context.WithTimeout(ctx, tab.timeout)
	defer cancel()
	_, err := cdp.Call(ctx, target, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
	if err != nil && ctx.Err() == nil {
		tab.mu.Lock()
		tab.problem("could not close a dialog: %v", err)
		tab.mu.Unlock()
	}
}

// isStatic reports whether a request of type typ fetches a file the page
// needs, which must not be missing; an API's 4xx is for the test to judge.
func isStatic(typ network.ResourceType) bool {
	switch typ {
	case network.ResourceTypeScript, network.ResourceTypeStylesheet, network.ResourceTypeImage, network.ResourceTypeFont:
		return true
	}
	return false
}

// origin returns the origin of an http, https, ws or wss URL, as
// scheme://host[:port] without a default port.
func origin(rawURL string) (string, bool) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "ws":
		scheme = "http"
	case "wss":
		scheme = "https"
	case "http", "https":
	default:
		return "", false
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host, true
}

// describe returns a console argument or an exception as text.
func describe(o *runtime.RemoteObject) string {
	switch {
	case o == nil:
		return ""
	case len(o.Value) > 0:
		var s string
		if json.Unmarshal([]byte(o.Value), &s) == nil {
			return s
		}
		return string(o.Value)
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	}
	return string(o.Type)
}

// where returns " (url:line)" for the top of a stack, or "".
func where(s *runtime.StackTrace) string {
	if s == nil || len(s.CallFrames) == 0 || s.CallFrames[0].URL == "" {
		return ""
	}
	f := s.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", short(f.URL), f.LineNumber+1)
}

// short shortens a long URL, such as a data: URL, for a message.
func short(u string) string {
	if len(u) > 200 {
		return u[:200] + "…"
	}
	return u
}

// Problems returns what went wrong on the tab's pages since it opened or
// since ClearProblems, in order: console errors and warnings, uncaught
// exceptions, dialogs, failed requests (not cancelled ones), responses with
// a status of 500 or more, scripts, style sheets, images and fonts answered
// with a 4xx status, errors the browser logged (such as Content Security
// Policy violations) and requests to another origin.
func (tab *Tab) Problems() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	p := append([]string(nil), tab.problems...)
	if tab.dropped > 0 {
		p = append(p, fmt.Sprintf("… and %d more problems", tab.dropped))
	}
	return p
}

// ClearProblems forgets the problems recorded so far.
func (tab *Tab) ClearProblems() {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	tab.problems, tab.dropped = nil, 0
}

// Open navigates to rawURL and waits for the load event and then for no
// request to be in flight for 300 ms (an EventSource or a WebSocket may stay
// open; any other request that never ends makes Open time out).
func (tab *Tab) Open(rawURL string) {
	tab.t.Helper()
	tab.mu.Lock()
	if tab.allowed == "" {
		tab.allowed, _ = origin(rawURL)
	}
	tab.mu.Unlock()
	tab.run("open "+rawURL, chromedp.Navigate(rawURL), tab.settle())
}

// WaitVisible waits for the element that the CSS selector sel matches to be
// visible.
func (tab *Tab) WaitVisible(sel string) {
	tab.t.Helper()
	tab.run(fmt.Sprintf("wait for %q to be visible", sel), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// Click waits for the element that sel matches to be visible, clicks it with
// the mouse, and waits for what the click loads.
func (tab *Tab) Click(sel string) {
	tab.t.Helper()
	tab.run(fmt.Sprintf("click %q", sel), chromedp.Click(chromedp.CSS(sel)), tab.settle())
}

// SetValue sets the value of the input, select or text area that sel
// matches, and fires its input and change events.
func (tab *Tab) SetValue(sel, value string) {
	tab.t.Helper()
	tab.run(fmt.Sprintf("set the value of %q", sel),
		chromedp.WaitReady(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](call(`(sel, v) => {
			const e = document.querySelector(sel);
			e.focus();
			e.value = v;
			e.dispatchEvent(new Event("input", {bubbles: true}));
			e.dispatchEvent(new Event("change", {bubbles: true}));
		}`, sel, value)))
}

// SendKeys types text into the element that sel matches, key by key, once
// it is visible.
func (tab *Tab) SendKeys(sel, text string) {
	tab.t.Helper()
	tab.run(fmt.Sprintf("type into %q", sel), chromedp.SendKeys(chromedp.CSS(sel), text))
}

// Submit submits the form that sel matches, or the form of the element it
// matches, as a person would (with the element as the submitter when it is
// a submit button), and waits for what the submission loads.
func (tab *Tab) Submit(sel string) {
	tab.t.Helper()
	tab.run(fmt.Sprintf("submit %q", sel),
		chromedp.WaitReady(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](call(`sel => {
			const e = document.querySelector(sel);
			const f = e instanceof HTMLFormElement ? e : e.form || e.closest("form");
			if (!f) throw new Error(sel + " is not in a form");
			if (e !== f && (e.type === "submit" || e.type === "image")) f.requestSubmit(e);
			else f.requestSubmit();
		}`, sel)),
		tab.settle())
}

// Text returns the visible text of the element that sel matches.
func (tab *Tab) Text(sel string) string {
	tab.t.Helper()
	return value(tab, fmt.Sprintf("read the text of %q", sel), chromedp.Text(chromedp.CSS(sel)))
}

// Eval evaluates the JavaScript expression js in the page, awaiting it when
// it is a promise, and decodes its value from JSON into out, unless out is
// nil.
func (tab *Tab) Eval(js string, out any) {
	tab.t.Helper()
	what := fmt.Sprintf("evaluate %q", short(js))
	raw := value(tab, what, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if out == nil {
		return
	}
	if raw == nil {
		tab.fail(what, errors.New("it returned undefined"))
	}
	if err := json.Unmarshal(raw, out); err != nil {
		tab.fail(what, fmt.Errorf("decode %s: %w", short(string(raw)), err))
	}
}

// Location returns the URL of the page.
func (tab *Tab) Location() string {
	tab.t.Helper()
	return value(tab, "read the location", chromedp.Location())
}

// Status returns the HTTP status of the last document the tab loaded in its
// main frame, or 0 before the first.
func (tab *Tab) Status() int {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return tab.status
}

// Cookies returns the cookies the browser would send to the page's URL.
func (tab *Tab) Cookies() []*http.Cookie {
	tab.t.Helper()
	res := value(tab, "read the cookies", func(ctx context.Context, t *chromedp.Target) (network.GetCookiesResult, error) {
		return cdp.Call(ctx, t, network.GetCookies, network.GetCookiesParams{})
	})
	cookies := make([]*http.Cookie, len(res.Cookies))
	for i, c := range res.Cookies {
		hc := &http.Cookie{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path, HttpOnly: c.HTTPOnly, Secure: c.Secure}
		if !c.Session {
			hc.Expires = time.Unix(int64(c.Expires), 0)
		}
		switch c.SameSite {
		case network.CookieSameSiteStrict:
			hc.SameSite = http.SameSiteStrictMode
		case network.CookieSameSiteLax:
			hc.SameSite = http.SameSiteLaxMode
		case network.CookieSameSiteNone:
			hc.SameSite = http.SameSiteNoneMode
		}
		cookies[i] = hc
	}
	return cookies
}

// SetFiles chooses the files at paths in the file input that sel matches,
// as a person would in the file dialog.
func (tab *Tab) SetFiles(sel string, paths ...string) {
	tab.t.Helper()
	what := fmt.Sprintf("choose files in %q", sel)
	abs := make([]string, len(paths))
	for i, p := range paths {
		a, err := filepath.Abs(p)
		if err == nil {
			_, err = os.Stat(a)
		}
		if err != nil {
			tab.fail(what, err)
		}
		abs[i] = a
	}
	tab.run(what, chromedp.SetUploadFiles(chromedp.CSS(sel), abs))
}

// Screenshot saves a PNG of the whole page, not only the window, as
// <test>-<name>.png (made a safe file name) in the folder that
// CAREERKPI_ARTIFACTS names, or else in bin/artifacts/screenshots of the
// module; it logs the file's path and returns it.
func (tab *Tab) Screenshot(name string) string {
	tab.t.Helper()
	what := fmt.Sprintf("take the screenshot %q", name)
	png := value(tab, what, chromedp.FullScreenshot(100))
	dir, err := artifactDir()
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		tab.fail(what, err)
	}
	file := unsafeName.ReplaceAllString(tab.t.Name()+"-"+strings.TrimSuffix(name, ".png"), "_")
	file = strings.Trim(file, "_.-")
	if len(file) > 120 {
		file = file[:120]
	}
	path := filepath.Join(dir, file+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tab.fail(what, err)
	}
	tab.t.Logf("browsertest: screenshot %s", path)
	return path
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// artifactDir returns the folder for screenshots.
func artifactDir() (string, error) {
	if d := os.Getenv(ArtifactsVariable); d != "" {
		return filepath.Abs(d)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "bin", "artifacts", "screenshots"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working folder; set %s", ArtifactsVariable)
		}
		dir = parent
	}
}

// call returns the JavaScript that calls the function fn with args, which
// are encoded as JSON.
func call(fn string, args ...any) string {
	enc := make([]string, len(args))
	for i, a := range args {
		b, err := json.Marshal(a)
		if err != nil {
			panic(err) // only strings are passed
		}
		enc[i] = string(b)
	}
	return "(" + fn + ")(" + strings.Join(enc, ", ") + ")"
}

// settle is an action that waits until the page has had no request in flight
// and its main frame has not been loading for quietTime.
func (tab *Tab) settle() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		start := time.Now()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			tab.mu.Lock()
			busy := tab.loading || len(tab.inflight) > 0
			since := tab.activity
			var pending []string
			for id := range tab.inflight {
				if len(pending) < 5 {
					pending = append(pending, tab.name(id, ""))
				}
			}
			tab.mu.Unlock()
			if since.Before(start) {
				since = start
			}
			if !busy && time.Since(since) >= quietTime {
				return nil
			}
			select {
			case <-ctx.Done():
				if len(pending) > 0 {
					return fmt.Errorf("still loading %s: %w", strings.Join(pending, ", "), ctx.Err())
				}
				return fmt.Errorf("the page is still loading: %w", ctx.Err())
			case <-tick.C:
			}
		}
	})
}

// run runs actions under the tab's timeout, failing the test on an error.
func (tab *Tab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	value(tab, what, chromedp.Steps(actions...))
}

// value runs an action under the tab's timeout and returns its value,
// failing the test on an error.
func value[T any](tab *Tab, what string, a chromedp.Action[T]) T {
	tab.t.Helper()
	tab.mu.Lock()
	parent := tab.ctx
	tab.mu.Unlock()
	ctx, cancel := context.WithTimeout(parent, tab.timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("gave up after %v: %w", tab.timeout, err)
		}
		tab.fail(what, err)
	}
	return v
}

// fail fails the test, saying what failed on which page and what problems
// the page had, which often explain it.
func (tab *Tab) fail(what string, err error) {
	tab.t.Helper()
	tab.mu.Lock()
	at := tab.url
	tab.mu.Unlock()
	if at == "" {
		at = "about:blank"
	}
	msg := fmt.Sprintf("browsertest: %s on %s: %v", what, at, err)
	if p := tab.Problems(); len(p) > 0 {
		msg += "\nthe page's problems so far:\n\t" + strings.Join(p, "\n\t")
	}
	tab.t.Fatalf("%s", msg)
}
