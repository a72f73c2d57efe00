package demo

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeTellsTheStory keeps the README's account of the demo company
// the one Story gives.
func TestReadmeTellsTheStory(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	ja, en := Story()
	for _, text := range []string{en, ja} {
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.Contains(readme, line) {
				t.Errorf("README.md lacks this line of demo.Story:\n%s", line)
			}
		}
	}
}
