// Package users owns the dashboard's accounts: their names, roles and
// scopes, and their passwords, kept as bcrypt hashes in the users table.
// The dashboard authenticates against it; `careerkpi users` manages it.
package users
