package dashboard

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

// postLoad answers POST /api/v1/loads: a multipart form with the dataset,
// one or more files ("file"), an optional mapping file ("mapping") and the
// options of `careerkpi load` (skip_invalid, dry_run, replace, as_of, sheet,
// survey). It answers with the load's report: 200 when it loaded (or found
// the content already loaded, or checked a dry run), 422 when the files have
// errors and nothing was loaded.
func (d *Dashboard) postLoad(c *fiber.Ctx) error {
	form, err := c.MultipartForm()
	if err != nil {
		return problem(fiber.StatusBadRequest, "the request is not a multipart form: %v", err)
	}
	req, err := loadRequest(form.Value)
	if err != nil {
		return err
	}
	req.LoadedBy = user(c).Name
	files := form.File["file"]
	if len(files) == 0 {
		return problem(fiber.StatusBadRequest, "no file: send the files to load as form fields named \"file\"")
	}
	dir, err := os.MkdirTemp("", "careerkpi-upload-")
	if err != nil {
		return fmt.Errorf("dashboard: make upload folder: %w", err)
	}
	defer os.RemoveAll(dir)
	for i, fh := range files {
		// The saved name keeps the original's extension, which tells the
		// reader the format.
		path := filepath.Join(dir, strconv.Itoa(i)+"-"+safeName(fh.Filename))
		if err := c.SaveFile(fh, path); err != nil {
			return fmt.Errorf("dashboard: save upload: %w", err)
		}
		req.Files = append(req.Files, path)
		req.Names = append(req.Names, fh.Filename)
	}
	if m := form.File["mapping"]; len(m) > 0 {
		path := filepath.Join(dir, "mapping-"+safeName(m[0].Filename))
		if err := c.SaveFile(m[0], path); err != nil {
			return fmt.Errorf("dashboard: save upload: %w", err)
		}
		req.Mapping = path
	}
	rep, err := ingest.Load(c.Context(), d.store, req)
	if err != nil {
		return err
	}
	d.dataChanged()
	for i := range rep.Files {
		rep.Files[i].Rejects = "" // the rejects file lived in the upload folder; the report lists the rows
	}
	status := fiber.StatusOK
	if !rep.OK() {
		status = fiber.StatusUnprocessableEntity
	}
	return c.Status(status).JSON(rep)
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// safeName keeps a file name usable as a path element.
func safeName(name string) string {
	name = unsafeName.ReplaceAllString(filepath.Base(name), "_")
	if name == "" || name == "." || name == ".." {
		return "upload"
	}
	return name
}

type loadsData struct {
	Batches []queries.Batch
	Undone  *queries.Batch
}

// loadsPage answers GET /hr/loads: every load, newest first, with undo.
func (d *Dashboard) loadsPage(c *fiber.Ctx) error {
	batches, err := queries.Batches(c.Context(), d.store)
	if err != nil {
		return err
	}
	return d.render(c, "loads", pageInfo{Title: msgLoadHistory, Nav: "/hr/loads"}, loadsData{Batches: batches})
}

// undoLoad answers POST /hr/loads/:id/undo.
func (d *Dashboard) undoLoad(c *fiber.Ctx) error {
	b, err := ingest.Undo(c.Context(), d.store, c.Params("id"))
	if err != nil {
		return badRequest(msgUndoFailed, err.Error())
	}
	d.dataChanged()
	batches, err := queries.Batches(c.Context(), d.store)
	if err != nil {
		return err
	}
	return d.render(c, "loads", pageInfo{Title: msgLoadHistory, Nav: "/hr/loads"}, loadsData{Batches: batches, Undone: &b})
}
