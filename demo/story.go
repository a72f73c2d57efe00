package demo

// Story describes, in Japanese and English, the effects built into the demo
// company's data: what its pages should show.
func Story() (ja, en string) {
	return storyJA, storyEN
}

const storyJA = `デモ企業は架空のメーカーです（小規模版は約2,000人・6本部40部署、大規模版は約10万人・11本部200部署）。FY2021〜FY2025の5年間、キャリア自律支援の「知る・挑戦する・学ぶ」の制度を順に展開してきました。データには次の傾向が作り込まれています（いずれも相関であり、因果ではありません）。

・制度の展開：キャリア面談の実施率は FY2021 の約1割から FY2025 の約4割へ上昇。副業制度は FY2022、DXアカデミーは FY2022、社内FA制度は FY2023 に開始。
・利用の偏り：キャリア面談・研修・eラーニングの利用は上位等級（G4〜G6）と管理職に偏り、e ラーニングは一部の熱心な利用者が大半の受講を占めます（「一部の人しか使っていない」）。
・定着：キャリア面談や研修（DXアカデミー・リスキリング基礎研修）の利用者は、同じ等級の非利用者より12か月離職率がはっきり低い。一方、副業制度や社内FA制度の利用者は離職率がやや高い（記事が指摘する人材流出リスク）。社内公募で選考を通過した人は定着し、不採用の人はやや離職しやすい。
・1on1：ほとんどの部署では月の60〜90%で上司との1on1が行われていますが、法人営業第三部・第二製造部・物流センター・コールセンター部（大規模版では各地域の同名部署）は約30%にとどまり、エンゲージメントが低く離職率が高い部署です。
・エンゲージメント：制度の利用者はエンゲージメント指標・キャリア満足度・制度満足度が高く、eNPS は全体として大きくマイナス（日本企業に多い水準）。逆転項目の「業務量」は1on1の少ない部署で高く出ます。
・全体：年間離職率は約9〜11%（自己都合が大半、会社都合・定年・その他も少数）、新卒3年以内離職率は約3割。毎年新卒（4月1日入社）と中途を採用し、人員は年1.5%ほど増えています。サーベイは秋の記名式エンゲージメントサーベイ（回答率約8割）と春の無記名パルスサーベイ（回答率約7割台）の年2回です。`

const storyEN = `The demo company is a fictitious manufacturer (the small size has about 2,000 employees in 6 divisions and 40 departments; the large one about 100,000 in 11 divisions and 200 departments). Over FY2021–FY2025 it rolled out career autonomy programs for the three opportunities: to know, to take on challenges, to learn. The data has these effects built in (associations, not causes):

- Roll-out: career interview coverage rises from about 10% in FY2021 to about 40% in FY2025. The side-job program and the DX Academy start in FY2022, internal FA in FY2023.
- Concentration: career interviews, trainings and e-learning are used mostly by the senior grades (G4–G6) and managers, and a few keen users make most of the e-learning sessions ("only a few use it").
- Retention: users of career interviews and of trainings (DX Academy, Reskilling basics) have a clearly lower 12-month attrition than non-users of the same grade. Users of the side-job program and of internal FA leave somewhat more (the article's risk of losing people). Internal-posting applicants who are selected stay; those rejected leave a little more.
- 1on1s: most departments hold a 1on1 in 60–90% of employee-months, but 法人営業第三部, 第二製造部, 物流センター and コールセンター部 (in the large size, the departments of those names in every region) manage about 30%; they are also the departments with lower engagement and higher attrition.
- Engagement: program users score higher on the engagement index, career satisfaction and program satisfaction; eNPS is clearly negative overall, as is usual in Japan. The reverse-coded workload item is higher in the low-1on1 departments.
- Overall: yearly attrition of about 9–11% (mostly voluntary, some involuntary, retirement and other), new-graduate three-year attrition around 30%. New graduates join every April 1 and mid-career hires through the year; the headcount grows about 1.5% a year. Two surveys a year: the identified autumn engagement survey (about 80% respond) and the anonymous spring pulse (in the 70s).`
