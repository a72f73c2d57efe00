package dashboard

import (
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// EChartsVersion is the ECharts release the chart pages are built for, and
// EChartsSHA384 the Subresource Integrity digest of its dist/echarts.min.js
// (npm echarts@5.6.0). The server refuses any other file, and the pages
// name the digest in their script tag, so the browser checks it too.
const (
	EChartsVersion = "5.6.0"
	EChartsSHA384  = "sha384-pPi0zxBAoDu6+JXW/C68UZLvBUUtU+7zonhif43rqj7pxsGyqyqzcian2Rj37Rss"
)

// echartsPath is where the pages load ECharts from: this server.
const echartsPath = "/static/vendor/echarts-" + EChartsVersion + ".min.js"

// DefaultEChartsPaths returns where careerkpi looks for echarts.min.js when
// no path is configured: where `make engine` puts it.
func DefaultEChartsPaths() []string {
	var paths []string
	if dir, err := os.UserCacheDir(); err == nil {
		paths = append(paths, filepath.Join(dir, "careerkpi", "echarts-"+EChartsVersion, "echarts.min.js"))
	}
	return paths
}

// loadECharts reads echarts.min.js from path, or from the default places
// when path is empty, and checks it against EChartsSHA384.
func loadECharts(path string) ([]byte, error) {
	const fix = "run `make engine` to fetch it (or set CAREERKPI_ECHARTS_FILE to echarts.min.js " + EChartsVersion + ")"
	candidates := []string{path}
	if path == "" {
		candidates = DefaultEChartsPaths()
	}
	for _, p := range candidates {
		b, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) && path == "" {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("dashboard: read ECharts: %w; %s", err, fix)
		}
		sum := sha512.Sum384(b)
		if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != EChartsSHA384 {
			return nil, fmt.Errorf("dashboard: %s is not echarts.min.js %s (sha384 %s, want %s); %s", p, EChartsVersion, got, EChartsSHA384, fix)
		}
		return b, nil
	}
	return nil, fmt.Errorf("dashboard: ECharts %s not found in %s; %s", EChartsVersion, strings.Join(candidates, ", "), fix)
}

// serveECharts answers with the checked ECharts file. Its name carries its
// version, so browsers may keep it for a year.
func serveECharts(file []byte) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
		return c.Send(file)
	}
}
