package dashboard

import (
	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The message catalog: every user-facing string, in English and Japanese.
// A message's key is its English text.
const (
	msgTitle          = "careerkpi status"
	msgEngine         = "Engine"
	msgEmbedded       = "embedded ClickHouse (chDB)"
	msgServer         = "ClickHouse server"
	msgVersion        = "Version"
	msgDatabase       = "Database"
	msgLocation       = "Data location"
	msgSchema         = "Schema"
	msgMigrations     = "%d of %d migrations applied"
	msgStatus         = "Status"
	msgOK             = "working"
	msgDown           = "unavailable"
	msgPagesLater     = "The chart pages for executives arrive in a later version; this page shows that the service and its database are up."
	msgNotFound       = "Not found."
	msgUnavailable    = "The database is unavailable. Please try again later."
	msgBadRequest     = "The request could not be understood."
	msgInternal       = "Something went wrong. The error has been logged."
	msgLanguageSwitch = "日本語"
)

var messages = map[string]string{
	msgTitle:          "careerkpi 稼働状況",
	msgEngine:         "エンジン",
	msgEmbedded:       "組み込み ClickHouse (chDB)",
	msgServer:         "ClickHouse サーバー",
	msgVersion:        "バージョン",
	msgDatabase:       "データベース",
	msgLocation:       "データの場所",
	msgSchema:         "スキーマ",
	msgMigrations:     "マイグレーション %d / %d 件適用済み",
	msgStatus:         "状態",
	msgOK:             "稼働中",
	msgDown:           "利用不可",
	msgPagesLater:     "経営層向けのグラフ画面は今後のバージョンで提供します。この画面はサービスとデータベースが稼働していることを示します。",
	msgNotFound:       "ページが見つかりません。",
	msgUnavailable:    "データベースに接続できません。しばらくしてから再度お試しください。",
	msgBadRequest:     "リクエストを理解できませんでした。",
	msgInternal:       "エラーが発生しました。内容は記録されています。",
	msgLanguageSwitch: "English",
}

var (
	languages = []language.Tag{language.English, language.Japanese}
	matcher   = language.NewMatcher(languages)
	cat       = func() catalog.Catalog {
		b := catalog.NewBuilder(catalog.Fallback(language.English))
		for en, ja := range messages {
			b.SetString(language.English, en, en)
			b.SetString(language.Japanese, en, ja)
		}
		return b
	}()
)

// lang returns the language of the answer: ?lang= if given, else the best
// match of Accept-Language.
func lang(c *fiber.Ctx) language.Tag {
	if l := c.Query("lang"); l == "ja" || l == "en" {
		return language.Make(l)
	}
	tag, _ := language.MatchStrings(matcher, c.Get(fiber.HeaderAcceptLanguage))
	base, _ := tag.Base()
	return language.Make(base.String())
}

func printer(c *fiber.Ctx) *message.Printer {
	return message.NewPrinter(lang(c), message.Catalog(cat))
}
