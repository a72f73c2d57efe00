package demo

import "path/filepath"

// program is one of the demo company's own programs.
type program struct {
	id     string
	kindJA string // the kind as HR names it (catalog.Kinds' NameJA)
	nameJA string
	nameEN string
}

// The programs, in the order of the catalog file. The indexes are used by
// the events writer.
const (
	progCareer = iota
	progOneOnOne
	progStrengths
	progPosting
	progFA
	progSideJob
	progDX
	progReskill
	progCert
	progELearn
	progManager
)

var programs = []program{
	progCareer:    {"CAREER-INT", "キャリア面談", "キャリア面談", "Career interview"},
	progOneOnOne:  {"1ON1", "1on1", "上司との1on1ミーティング", "1on1 with the manager"},
	progStrengths: {"STRENGTHS", "自己診断", "ストレングスファインダー受検", "StrengthsFinder"},
	progPosting:   {"KOUBO", "社内公募", "社内公募", "Internal job posting"},
	progFA:        {"FA", "社内FA", "社内FA制度", "Internal free agent"},
	progSideJob:   {"FUKUGYO", "副業・兼業", "副業制度", "Side job"},
	progDX:        {"DX-ACADEMY", "研修", "DXアカデミー", "DX Academy"},
	progReskill:   {"RESKILL-BASIC", "研修", "リスキリング基礎研修", "Reskilling basics"},
	progCert:      {"SHIKAKU", "資格取得支援", "資格取得支援制度", "Certification subsidy"},
	progELearn:    {"E-LEARN", "eラーニング", "eラーニング", "E-learning"},
	progManager:   {"MGR-1ON1", "管理職研修", "面談研修", "Manager 1on1 training"},
}

// writePrograms writes the program catalog: UTF-8 with Japanese headers.
func writePrograms(dir string) (File, error) {
	path := filepath.Join(dir, "programs.csv")
	c, err := createCSV(path, utf8Plain)
	if err != nil {
		return File{}, err
	}
	if err := c.header("制度ID", "種別", "制度名", "英語名"); err != nil {
		return File{}, c.abort(err)
	}
	for _, p := range programs {
		c.text(p.id)
		c.text(p.kindJA)
		c.text(p.nameJA)
		c.text(p.nameEN)
		if err := c.end(); err != nil {
			return File{}, c.abort(err)
		}
	}
	return File{Dataset: "programs", Path: path}, c.close()
}
