package users

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

// TokenPrefix starts every API token, so that one is recognised in a
// script or a leak scan.
const TokenPrefix = "ckpi_"

// Token is an API token as it is kept: its hash, never the token itself.
type Token struct {
	Hash      string    `ch:"token_hash"`
	Name      string    `ch:"name"`
	Label     string    `ch:"label"`
	Revoked   bool      `ch:"revoked"`
	Revision  uint64    `ch:"revision"`
	CreatedAt time.Time `ch:"created_at"`
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewToken makes an API token that acts as the user name, and returns it:
// it is shown this once and kept only as its hash.
func NewToken(ctx context.Context, s queries.Store, name, label string) (string, error) {
	if _, err := Get(ctx, s, name); err != nil {
		return "", err
	}
	token := TokenPrefix + rand.Text() + rand.Text()
	t := Token{Hash: hashToken(token), Name: name, Label: strings.TrimSpace(label), Revision: 1, CreatedAt: time.Now().UTC()}
	if _, err := s.Insert(ctx, "api_tokens", queries.Slice([]Token{t})); err != nil {
		return "", fmt.Errorf("users: write a token of %s: %w", name, err)
	}
	return token, nil
}

// ByToken returns the user an API token acts as; a revoked token, one of
// a removed user or an unknown one is ErrCredentials.
func ByToken(ctx context.Context, s queries.Store, token string) (User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return User{}, ErrCredentials
	}
	t, err := queries.Get[Token](ctx, s, queries.SQL("tokens_get"), queries.Params{"hash": hashToken(token)})
	if errors.Is(err, queries.ErrNoRows) || err == nil && t.Revoked {
		return User{}, ErrCredentials
	}
	if err != nil {
		return User{}, fmt.Errorf("users: read a token: %w", err)
	}
	u, err := Get(ctx, s, t.Name)
	if errors.Is(err, ErrNotFound) {
		return User{}, ErrCredentials
	}
	return u, err
}

// Tokens returns a user's tokens that are not revoked.
func Tokens(ctx context.Context, s queries.Store, name string) ([]Token, error) {
	ts, err := queries.Select[Token](ctx, s, queries.SQL("tokens_list"), queries.Params{"name": name})
	if err != nil {
		return nil, fmt.Errorf("users: list the tokens of %s: %w", name, err)
	}
	return ts, nil
}

// RevokeTokens revokes every token of a user and returns how many.
func RevokeTokens(ctx context.Context, s queries.Store, name string) (int, error) {
	ts, err := Tokens(ctx, s, name)
	if err != nil || len(ts) == 0 {
		return 0, err
	}
	for i := range ts {
		ts[i].Revoked, ts[i].Revision = true, ts[i].Revision+1
	}
	if _, err := s.Insert(ctx, "api_tokens", queries.Slice(ts)); err != nil {
		return 0, fmt.Errorf("users: revoke the tokens of %s: %w", name, err)
	}
	return len(ts), nil
}
