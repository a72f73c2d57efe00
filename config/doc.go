// Package config owns careerkpi's configuration: one typed struct, filled
// from defaults, an optional YAML file (unknown keys rejected), the
// environment and command-line flags, in that order, and validated before
// anything starts. Every setting is one entry of Settings.
package config
