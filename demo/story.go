package demo

// Story describes, in Japanese and English, the effects built into the demo
// company's data: what its pages should show. The figures are those of the
// small company with seed 1; other seeds and the large size come close.
func Story() (ja, en string) {
	return storyJA, storyEN
}

const storyJA = `デモ企業は架空のメーカーです（小規模版は約2,000人・6本部40部署、大規模版は約10万人・11本部200部署）。FY2021〜FY2025の5年間に、キャリア自律を支援する「知る・挑戦する・学ぶ」の制度を順に展開してきました。データには次の傾向が作り込まれています。いずれも相関であって因果ではありません。

・制度の展開：キャリア面談（CAREER-INT）を受けた社員は FY2021 の約13%から FY2025 の約46%へ増えています。副業制度（FUKUGYO）と DXアカデミー（DX-ACADEMY）は FY2022、社内FA制度（FA）は FY2023 に始まりました。
・利用の偏り：キャリア面談・研修・eラーニングの利用は上位等級（G4〜G6）と管理職に偏っています。eラーニングは一部の熱心な利用者が受講の大半を占めます（「一部の人しか使っていない」）。
・定着：キャリア面談や研修（DX-ACADEMY・RESKILL-BASIC）の利用者は、同じ等級の非利用者より12か月離職率がはっきり低くなっています（FY2024 でキャリア面談の利用者 約6%、非利用者 約11%）。一方、副業制度や社内FA制度の利用者は離職率がやや高く、記事が指摘する人材流出のリスクが表れています。社内公募で選考を通過した人は定着し、不採用の人はやや離職しやすくなっています。
・1on1：ほとんどの部署では、上司との1on1が月の60〜90%で行われています。ただし法人営業第三部・第二製造部・物流センター・コールセンター部（大規模版では各地域の同名部署）は約30%にとどまります。これらの部署はエンゲージメントが低く（好意的回答 約46%、他部署 約66%）、離職率が高くなっています（約14%、他部署 約9%）。
・エンゲージメント：制度の利用者は、エンゲージメント指標・キャリア満足度・制度満足度がいずれも高くなっています。eNPS は全体でマイナス25前後で、日本企業によく見られる水準です。逆転項目の「業務量」は、1on1の少ない部署で高く出ます。
・全体：年間離職率は約9〜11%で、大半が自己都合です。会社都合・定年・その他（契約満了など）も少しあります。新卒3年以内離職率は約3割です。毎年4月1日に新卒が、年間を通じて中途が入社し、人員は年1.5%ほど増えています。サーベイは年2回で、秋の記名式エンゲージメントサーベイ（回答率 約84%）と、春の無記名パルスサーベイ（回答率 約75%）です。`

const storyEN = `The demo company is a fictitious manufacturer (the small size has about 2,000 employees in 6 divisions and 40 departments; the large one about 100,000 in 11 divisions and 200 departments). Over FY2021–FY2025 it rolled out career autonomy programs for the three opportunities: to know, to take on challenges, to learn. The data has these effects built in (associations, not causes):

- Roll-out: the share of employees with a career interview (CAREER-INT) rises from about 13% in FY2021 to about 46% in FY2025. The side-job program (FUKUGYO) and the DX Academy (DX-ACADEMY) start in FY2022, internal FA (FA) in FY2023.
- Concentration: career interviews, trainings and e-learning are used mostly by the senior grades (G4–G6) and managers, and a few keen users make most of the e-learning sessions ("only a few use it").
- Retention: users of career interviews and of trainings (DX-ACADEMY, RESKILL-BASIC) have a clearly lower 12-month attrition than non-users of the same grade (in FY2024 about 6% against 11% for career interviews). Users of the side-job program and of internal FA leave somewhat more: the article's risk of losing people. Internal-posting applicants who are selected stay; those rejected leave a little more.
- 1on1s: most departments hold a 1on1 in 60–90% of employee-months, but 法人営業第三部, 第二製造部, 物流センター and コールセンター部 (in the large size, the departments of those names in every region) manage about 30%. They are also less engaged (about 46% favourable against 66%) and lose more people (about 14% a year against 9%).
- Engagement: program users score higher on the engagement index, career satisfaction and program satisfaction. eNPS is around −25 overall, as is usual in Japan. The reverse-coded workload item is higher in the low-1on1 departments.
- Overall: yearly attrition of about 9–11%, mostly voluntary, with some involuntary, retirement and other (end of contract). About 30% of new graduates leave within three years. New graduates join every April 1 and mid-career hires through the year; the headcount grows about 1.5% a year. Two surveys a year: the identified autumn engagement survey (about 84% respond) and the anonymous spring pulse (about 75%).`
