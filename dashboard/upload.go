package dashboard

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/ingest"
)

// stagedUploads keeps uploaded files between their check and their load:
// HR sees the validation report first and commits the load after, without
// sending the files again. An upload not loaded within an hour is removed.
type stagedUploads struct {
	dir string
	mu  sync.Mutex
	m   map[string]*stagedUpload
}

type stagedUpload struct {
	ID      string
	User    string
	Request ingest.Request
	Report  *ingest.Report
	Created time.Time
}

const stagedLifetime = time.Hour

func newStagedUploads(dir string) *stagedUploads {
	// Uploads left by a process that stopped are of no use to this one.
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	return &stagedUploads{dir: dir, m: map[string]*stagedUpload{}}
}

func (su *stagedUploads) add(u *stagedUpload) {
	su.mu.Lock()
	defer su.mu.Unlock()
	su.expire()
	su.m[u.ID] = u
}

// take returns the staged upload of a user and forgets it.
func (su *stagedUploads) take(id, user string) (*stagedUpload, bool) {
	su.mu.Lock()
	defer su.mu.Unlock()
	su.expire()
	u, ok := su.m[id]
	if !ok || u.User != user {
		return nil, false
	}
	delete(su.m, id)
	return u, true
}

func (su *stagedUploads) remove(u *stagedUpload) { os.RemoveAll(filepath.Join(su.dir, u.ID)) }

func (su *stagedUploads) expire() {
	for id, u := range su.m {
		if time.Since(u.Created) > stagedLifetime {
			su.remove(u)
			delete(su.m, id)
		}
	}
}

type uploadData struct {
	Datasets []*ingest.Dataset
	Staged   *stagedUpload
	Dataset  string
	Loaded   *ingest.Report
}

// uploadPage answers GET /hr/upload.
func (d *Dashboard) uploadPage(c *fiber.Ctx) error {
	return d.render(c, "upload", pageInfo{Title: msgUpload, Nav: "/hr/upload"}, uploadData{Datasets: ingest.Datasets, Dataset: c.Query("dataset")})
}

// checkUpload answers POST /hr/upload: the files are kept and checked
// without loading anything, and the page shows the report, with a button
// that loads them.
func (d *Dashboard) checkUpload(c *fiber.Ctx) error {
	form, err := c.MultipartForm()
	if err != nil {
		return badRequest(msgNoFiles)
	}
	req, err := loadRequest(form.Value)
	if err != nil {
		return err
	}
	files := form.File["file"]
	if len(files) == 0 {
		return badRequest(msgNoFiles)
	}
	id := rand.Text()
	dir := filepath.Join(d.uploads.dir, id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("dashboard: upload folder: %w", err)
	}
	for i, fh := range files {
		path := filepath.Join(dir, strconv.Itoa(i)+"-"+safeName(fh.Filename))
		if err := c.SaveFile(fh, path); err != nil {
			os.RemoveAll(dir)
			return fmt.Errorf("dashboard: save upload: %w", err)
		}
		req.Files = append(req.Files, path)
		req.Names = append(req.Names, fh.Filename)
	}
	if m := form.File["mapping"]; len(m) > 0 {
		path := filepath.Join(dir, "mapping-"+safeName(m[0].Filename))
		if err := c.SaveFile(m[0], path); err != nil {
			os.RemoveAll(dir)
			return fmt.Errorf("dashboard: save upload: %w", err)
		}
		req.Mapping = path
	}
	check := req
	check.DryRun = true
	rep, err := ingest.Load(c.Context(), d.store, check)
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	u := user(c)
	req.LoadedBy = u.Name
	staged := &stagedUpload{ID: id, User: u.Name, Request: req, Report: rep, Created: time.Now()}
	if rep.OK() {
		d.uploads.add(staged)
	} else {
		os.RemoveAll(dir)
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return d.render(c, "upload", pageInfo{Title: msgUpload, Nav: "/hr/upload"}, uploadData{Datasets: ingest.Datasets, Staged: staged, Dataset: req.Dataset})
}

// commitUpload answers POST /hr/upload/:id: the checked files are loaded,
// as one batch.
func (d *Dashboard) commitUpload(c *fiber.Ctx) error {
	staged, ok := d.uploads.take(c.Params("id"), user(c).Name)
	if !ok {
		return &fiber.Error{Code: fiber.StatusNotFound, Message: msgUploadGone}
	}
	defer d.uploads.remove(staged)
	if c.FormValue("action") == "discard" {
		return c.Redirect("/hr/upload", fiber.StatusSeeOther)
	}
	rep, err := ingest.Load(c.Context(), d.store, staged.Request)
	if err != nil {
		return err
	}
	d.dataChanged()
	if !rep.OK() {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return d.render(c, "upload", pageInfo{Title: msgUpload, Nav: "/hr/upload"}, uploadData{Datasets: ingest.Datasets, Loaded: rep, Dataset: staged.Request.Dataset})
}

// loadRequest reads the options of a load from a form, as `careerkpi load`
// takes them.
func loadRequest(form map[string][]string) (ingest.Request, error) {
	value := func(k string) string {
		if v := form[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	flag := func(k string) (bool, error) {
		switch v := value(k); v {
		case "", "false", "0", "off":
			return false, nil
		case "true", "1", "on":
			return true, nil
		default:
			return false, problem(fiber.StatusBadRequest, "%s must be true or false, not %q", k, v)
		}
	}
	req := ingest.Request{Dataset: value("dataset"), AsOf: value("as_of"), Sheet: value("sheet"), Survey: value("survey"), Replace: value("replace")}
	if _, err := ingest.DatasetByName(req.Dataset); err != nil {
		return req, problem(fiber.StatusBadRequest, "%v", err)
	}
	var err error
	if req.SkipInvalid, err = flag("skip_invalid"); err != nil {
		return req, err
	}
	if req.DryRun, err = flag("dry_run"); err != nil {
		return req, err
	}
	if req.Replace == "on" || req.Replace == "true" {
		req.Replace = ingest.ReplaceSameSource
	}
	return req, nil
}
