// The word lists. Every sentence is a template of korean_text.hpp: particles are written
// {은}, {이}, {을}… so that they agree with whatever fills the slot before them.
// Topics are "noun phrase|verbs": the 하다 verbs that fit the phrase as its object
// ("내년도 예산안|심사 의결" gives "내년도 예산안을 심사한다").

#include "app/demo/vocabulary.hpp"

#include <initializer_list>
#include <string_view>

#include "core/check.hpp"

namespace sinmun::app::demo {
namespace {

using Sources = std::initializer_list<const char*>;

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t space = text.find(' ', pos);
    const size_t end = space == std::string_view::npos ? text.size() : space;
    if (end > pos) words.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

std::vector<Topic> Topics(Sources sources) {
  std::vector<Topic> topics;
  for (std::string_view source : sources) {
    const size_t bar = source.find('|');
    SINMUN_CHECK(bar != std::string_view::npos);
    topics.push_back(
        Topic{Template::Compile(source.substr(0, bar)), SplitWords(source.substr(bar + 1))});
    SINMUN_CHECK(!topics.back().verbs.empty());
  }
  return topics;
}

std::vector<Title> Titles(Sources sources) {
  std::vector<Title> titles;
  for (std::string_view source : sources) {
    const size_t bar = source.find('|');
    SINMUN_CHECK(bar != std::string_view::npos);
    titles.push_back(
        Title{Template::Compile(source.substr(0, bar)), std::string(source.substr(bar + 1))});
  }
  return titles;
}

std::vector<Name> Names(Sources sources) {
  std::vector<Name> names;
  for (std::string_view source : sources) {
    const size_t colon = source.find(':');
    SINMUN_CHECK(colon != std::string_view::npos);
    names.push_back(
        Name{std::string(source.substr(0, colon)), std::string(source.substr(colon + 1))});
  }
  return names;
}

SectionVocab Politics() {
  SectionVocab v;
  v.slug = "politics";
  v.name = "정치";
  v.desk = "정치부";
  v.beat = "대전시의회와 국회, 충청권 정치를 취재합니다.";
  v.weight = 14;
  v.reporter_count = 5;
  v.subjects = CompileAll({"대전시", "대전시의회", "세종시", "세종시의회", "충남도", "충남도의회",
                           "충북도의회", "유성구의회", "대덕구", "국회 행정안전위원회",
                           "더불어민주당 대전시당", "국민의힘 대전시당", "충청권 여야 의원들"});
  v.topics = Topics({
      "내년도 예산안|심사 의결 처리",
      "지방자치 조례 개정안|발의 심사 의결",
      "행정수도 완성 특별법|발의 추진 촉구",
      "국회 세종의사당 건립|추진 촉구 논의",
      "공공기관 2차 이전|촉구 건의 논의",
      "충청권 광역급행철도(CTX) 예비타당성조사 면제|촉구 건의",
      "의정비 인상안|심의 논의 확정",
      "인사청문회 제도|도입 검토 논의",
      "지방선거 공천 기준|확정 발표 논의",
      "행정사무감사|실시 진행 마무리",
      "주민참여예산|확대 편성 운영",
      "충청권 메가시티 구상|추진 논의 구체화",
      "청년 정책 기본계획|수립 발표 확정",
      "의원 겸직 실태|점검 조사 공개",
      "추가경정예산안|편성 심사 의결",
      "민생 법안|처리 논의",
      "대전·세종 행정통합|논의 검토",
      "선거구 획정안|논의 확정 처리",
  });
  v.tails = CompileAll({"여야 공방 예고", "시민 의견 수렴 나서", "다음 달 본회의 상정",
                        "지역 정치권 '환영'", "시민단체 '졸속' 비판", "선거 앞두고 주목",
                        "여야 '협치' 시험대", "\"지역 현안 최우선\""});
  v.quotes = CompileAll({
      "시민의 삶과 직결된 사안인 만큼 꼼꼼히 따져 보겠다",
      "충청권이 국가 균형발전의 중심이 될 수 있도록 모든 역량을 모으겠다",
      "여야를 떠나 지역 현안 해결에 힘을 모아야 할 때",
      "{topic}{은} 더 이상 미룰 수 없는 과제",
      "시민 눈높이에 맞는 의정 활동을 펼치겠다",
      "정부와 국회를 끝까지 설득해 나가겠다",
      "충분한 숙의 과정 없이 밀어붙이는 것은 문제",
      "주민 의견을 폭넓게 듣고 보완책을 마련하겠다",
  });
  v.orgs = CompileAll({"대전시의회", "대전시", "행정안전부", "대전시선거관리위원회",
                       "국회 예산결산특별위원회", "충남도의회"});
  v.officials = Titles({"대전시 기획조정실장|실장", "대전시의회 의장|의장",
                        "대전시의회 행정자치위원장|위원장", "국민의힘 대전시당 위원장|위원장",
                        "더불어민주당 대전시당 대변인|대변인", "세종시 행정부시장|부시장",
                        "충남도 정책기획관|기획관", "대전시의원|의원"});
  v.experts = Titles({"충남대 행정학과 교수|교수", "목원대 정치외교학과 교수|교수",
                      "대전세종연구원 연구위원|연구위원", "한남대 행정학과 교수|교수"});
  v.metrics = Topics({"투표율|상승 하락", "정당 지지율|상승 하락", "시정 만족도|상승 하락",
                      "주민참여예산 제안 건수|증가 감소"});
  v.details = CompileAll({
      "이날 본회의에서는 {topic2} 등 안건 {num}건이 함께 처리됐다.",
      "여야는 {topic}{을} 두고 한 치의 양보 없이 맞서고 있다.",
      "충청권 의원들은 이날 국회 소통관에서 기자회견을 열고 정부의 적극적인 지원을 촉구했다.",
      "지역 정치권에서는 {topic}{이} 다가오는 선거의 주요 쟁점이 될 것으로 보고 있다.",
      "시의회는 {fday} 제28{small}회 임시회를 열어 관련 안건을 심의할 예정이다.",
      "관련 예산 규모는 {money}{으로}, 올해보다 {pct} 늘었다.",
      "상임위원회 심사 과정에서 일부 사업 예산이 삭감될 가능성도 제기된다.",
  });
  return v;
}

SectionVocab Economy() {
  SectionVocab v;
  v.slug = "economy";
  v.name = "경제";
  v.desk = "경제부";
  v.beat = "지역 경제와 기업, 금융, 부동산 시장을 취재합니다.";
  v.weight = 16;
  v.reporter_count = 5;
  v.subjects =
      CompileAll({"대전시", "충남도", "대전상공회의소", "한국은행 대전세종충남본부",
                  "중소벤처기업부", "대전신용보증재단", "충남경제진흥원", "대전세관",
                  "중소기업중앙회 대전세종본부", "대전테크노파크", "소상공인시장진흥공단"});
  v.topics = Topics({
      "중소기업 특별경영안정자금|지원 확대 편성",
      "소상공인 긴급 대출|지원 확대 시행",
      "지역화폐 '온통대전' 캐시백|확대 재개",
      "수출 바우처 사업|추진 확대 시행",
      "전통시장 활성화 대책|마련 발표",
      "청년 창업 지원 프로그램|운영 확대 신설",
      "기업 유치 전략|마련 발표 수립",
      "스마트 산업단지 조성|추진 착수 본격화",
      "물가 안정 대책|발표 마련 시행",
      "지역 경기 동향 조사|실시 발표",
      "수출입 동향|발표 공개 분석",
      "일자리 박람회|개최 마련",
      "외국인 투자 유치 설명회|개최 진행",
      "나노·반도체 국가산단 조성|추진 본격화",
      "가계부채 관리 방안|마련 점검",
      "중소기업 R&D 바우처|지원 확대 신설",
      "지역 인재 채용|확대 점검",
      "착한가격업소 지원|확대 강화",
  });
  v.tails = CompileAll({"지역 경제 '숨통'", "중소기업 자금난 해소 기대", "고물가에 서민 부담 여전",
                        "수출 회복세 뚜렷", "하반기 경기 반등 기대", "업계 \"실효성 의문\"",
                        "청년 일자리 {bignum}개 목표"});
  v.quotes = CompileAll({
      "고금리와 고물가가 겹치면서 지역 중소기업의 체감 경기가 크게 나빠졌다",
      "자금 사정이 어려운 기업에 실질적인 도움이 되도록 지원 절차를 간소화하겠다",
      "수출 회복세가 하반기에도 이어질 가능성이 크다",
      "소비 심리가 살아나려면 시간이 더 필요해 보인다",
      "지역 기업이 체감할 수 있는 맞춤형 정책이 필요한 시점",
      "금리 인하 효과가 실물 경제에 스며들기까지는 시차가 있을 것",
      "{topic}{이} 지역 경제의 체질을 바꾸는 계기가 되길 기대한다",
  });
  v.orgs = CompileAll({"대전상공회의소", "한국은행 대전세종충남본부", "대전시", "중소벤처기업부",
                       "대전신용보증재단", "충남경제진흥원", "통계청"});
  v.officials = Titles({"대전상공회의소 회장|회장", "한국은행 대전세종충남본부장|본부장",
                        "대전시 경제과학국장|국장", "충남경제진흥원장|원장",
                        "대전신용보증재단 이사장|이사장", "중소기업중앙회 대전세종본부장|본부장"});
  v.experts = Titles({"한밭대 경제학과 교수|교수", "대전세종연구원 선임연구위원|선임연구위원",
                      "충남대 경영학부 교수|교수", "배재대 경영학과 교수|교수"});
  v.metrics = Topics({"소비자물가|상승 하락", "수출액|증가 감소", "제조업 업황지수|상승 하락",
                      "아파트 매매가격|상승 하락", "고용률|상승 하락", "대형마트 판매액|증가 감소",
                      "중소기업 대출 잔액|증가 감소", "신설 법인 수|증가 감소"});
  v.details = CompileAll({
      "한국은행 기준금리는 현재 연 {rate} 수준이다.",
      "특히 반도체와 2차전지 등 주력 품목의 수출이 회복세를 보였다.",
      "지원 대상은 {place}에 사업장을 둔 중소기업과 소상공인이며, 업체당 최대 {money}까지 "
      "신청할 수 있다.",
      "업계에서는 원자재 가격 상승과 인력난이 여전히 부담이라는 목소리가 나온다.",
      "지역 중소기업 {num}0곳을 대상으로 한 조사에서는 응답 기업의 {pct}{이} 자금 사정이 "
      "나빠졌다고 답했다.",
      "이 기간 무역수지는 {num}억 {small}천만 달러 흑자를 기록했다.",
      "고금리 여파로 소비 심리가 좀처럼 살아나지 않고 있다.",
  });
  return v;
}

SectionVocab Society() {
  SectionVocab v;
  v.slug = "society";
  v.name = "사회";
  v.desk = "사회부";
  v.beat = "사건·사고와 교육, 복지 현장을 취재합니다.";
  v.weight = 18;
  v.reporter_count = 6;
  v.subjects = CompileAll({"대전경찰청", "대전소방본부", "대전시교육청", "충남경찰청", "대전시",
                           "대전지방고용노동청", "충남교육청", "유성구보건소", "대전 서구"});
  v.topics = Topics({
      "음주운전 특별 단속|실시 강화",
      "보이스피싱 피해 예방 캠페인|전개 진행",
      "어린이보호구역 안전 점검|실시 진행 마무리",
      "폭염 대비 취약계층 보호 대책|마련 시행",
      "학교 급식 노동자 처우 개선|추진 논의 약속",
      "늘봄학교 운영|확대 시행 점검",
      "전세사기 피해자 지원|확대 강화",
      "공사장 안전 관리 실태|점검 조사",
      "독감 예방 접종|실시 시작 확대",
      "노인 일자리 사업|확대 운영",
      "교권 보호 대책|마련 발표 시행",
      "다중이용시설 화재 안전 점검|실시 진행",
      "외국인 근로자 인권 실태 조사|실시 진행",
      "고독사 예방 사업|추진 확대 운영",
      "불법 주정차 단속|강화 실시",
      "마약 범죄 집중 수사|진행 착수 강화",
      "기초학력 진단 평가|실시 시행",
      "산업재해 예방 감독|실시 강화",
  });
  v.tails = CompileAll({"시민 안전 최우선", "현장선 '인력 부족' 호소", "피해 예방 총력",
                        "재발 방지책 요구 잇따라", "사각지대 해소 기대", "학부모 \"환영\"",
                        "실효성 논란도"});
  v.quotes = CompileAll({
      "시민 안전과 직결된 만큼 한 치의 빈틈도 없도록 하겠다",
      "피해를 막으려면 무엇보다 시민들의 관심과 신고가 중요하다",
      "현장 인력이 턱없이 부족해 제도 개선이 시급하다",
      "비슷한 일이 되풀이되지 않도록 재발 방지책을 마련해야 한다",
      "사각지대에 놓인 이웃이 없도록 촘촘한 안전망을 만들겠다",
      "아이들이 안심하고 다닐 수 있는 환경을 만드는 것이 우선",
  });
  v.orgs = CompileAll({"대전경찰청", "대전소방본부", "대전시교육청", "대전시", "대전지방고용노동청",
                       "국민건강보험공단 대전지역본부"});
  v.officials =
      Titles({"대전경찰청장|청장", "대전소방본부장|본부장", "대전시교육감|교육감",
              "대전시 복지국장|국장", "유성구보건소장|소장", "대전지방고용노동청장|청장"});
  v.experts = Titles({"충남대 사회학과 교수|교수", "대전대 경찰학과 교수|교수",
                      "우송대 사회복지학과 교수|교수", "한남대 교육학과 교수|교수"});
  v.metrics = Topics({"112 신고 건수|증가 감소", "교통사고 사망자 수|증가 감소",
                      "보이스피싱 피해액|증가 감소", "화재 발생 건수|증가 감소", "학령인구|감소",
                      "산업재해 사망자 수|증가 감소"});
  v.details = CompileAll({
      "{place}에서는 올해 들어서만 관련 신고가 {bignum}건 접수됐다.",
      "점검 결과 위반 사항이 적발되면 과태료 부과 등 행정 조치가 내려진다.",
      "{subj}{은} 현장 인력 {num}0여 명을 투입할 계획이다.",
      "피해가 의심되면 즉시 112나 관할 기관에 신고해야 한다.",
      "현장에서는 인력과 예산이 함께 뒷받침돼야 한다는 목소리가 크다.",
      "지난해 같은 기간 관련 피해 건수는 {bignum}건에 달했다.",
      "{subj}{은} 취약 지역을 중심으로 순찰과 점검을 강화하기로 했다.",
  });
  return v;
}

SectionVocab Region() {
  SectionVocab v;
  v.slug = "region";
  v.name = "지역";
  v.desk = "지역취재부";
  v.beat = "충남·충북 시·군과 대전 자치구 소식을 취재합니다.";
  v.weight = 16;
  v.reporter_count = 5;
  v.subjects =
      CompileAll({"공주시", "논산시", "아산시", "천안시", "서산시",      "당진시",    "보령시",
                  "홍성군", "예산군", "금산군", "계룡시", "옥천군",      "청주시",    "충주시",
                  "제천시", "부여군", "서천군", "태안군", "대전 대덕구", "대전 동구", "대전 중구"});
  v.topics = Topics({
      "지역 대표 축제|개최 준비 마무리",
      "전통시장 주차장 확충|추진 완료 착수",
      "농촌 빈집 정비 사업|추진 확대 시행",
      "귀농·귀촌 지원 정책|확대 강화 시행",
      "청년 마을 조성|추진 착수 완료",
      "시내버스 노선 개편|시행 추진 확정",
      "어린이 공공 놀이터 조성|추진 완료 착수",
      "생태 관광 활성화|추진",
      "공공도서관 신축|추진 착수 완료",
      "하천 정비 사업|추진 마무리 착수",
      "원도심 도시재생 사업|추진 본격화 마무리",
      "농산물 공동 브랜드|출시 개발 육성",
      "생활 인구 유입 전략|마련 수립",
      "특산물 온라인 판매|확대 강화 시작",
      "주민자치회|구성 운영 확대",
      "'찾아가는 보건소' 사업|운영 확대 시행",
      "노후 상수도관 교체|추진 완료 착수",
      "드론 방제 지원 사업|확대 시행",
  });
  v.tails = CompileAll({"지역 경제 활력 기대", "주민 숙원 풀려", "관광객 발길 이어져",
                        "'살고 싶은 도시' 만든다", "인구 감소 대응 총력", "주민 \"이제야 숨통\"",
                        "농가 소득 증대 기대"});
  v.quotes = CompileAll({
      "지역 주민들의 오랜 숙원이 풀리게 돼 기쁘다",
      "주민들이 실제로 체감할 수 있는 변화를 만들어 가겠다",
      "관광객이 다시 찾고 싶은 도시로 만들겠다",
      "인구 감소에 대응하려면 생활 인구를 늘리는 전략이 필요하다",
      "농가 소득 향상에 도움이 될 것으로 기대한다",
      "{subj}의 미래를 바꿀 사업인 만큼 차질 없이 추진하겠다",
  });
  v.orgs = CompileAll({"{subj}", "{subj}", "충남도", "충북도", "행정안전부", "농림축산식품부"});
  v.officials =
      Titles({"{subj} 관광과장|과장", "{subj} 농업정책과장|과장", "{subj} 도시재생과장|과장",
              "{subj} 기획감사실장|실장", "{subj} 주민자치협의회장|회장"});
  v.experts = Titles({"공주대 지역개발학과 교수|교수", "충남연구원 연구위원|연구위원",
                      "충북연구원 선임연구위원|선임연구위원", "한서대 관광학과 교수|교수"});
  v.metrics = Topics({"관광객 수|증가 감소", "인구|증가 감소", "귀농 가구 수|증가 감소",
                      "농가 소득|증가 감소", "전입 인구|증가 감소"});
  v.details = CompileAll({
      "사업비는 국비와 도비 등 총 {money}{이다}.",
      "{subj}{은} {year}년까지 사업을 마무리할 계획이다.",
      "지난해 행사에는 {bignum}명의 관광객이 다녀갔다.",
      "{subj}{은} 인근 주민 {num}0여 명을 대상으로 설명회를 열었다.",
      "{subj} 인구는 지난해 말 기준 {bignum}명으로, 10년 전보다 {pct} 줄었다.",
      "주민들은 오래전부터 관련 시설 확충을 요구해 왔다.",
  });
  return v;
}

SectionVocab ScienceIt() {
  SectionVocab v;
  v.slug = "science-it";
  v.name = "과학·IT";
  v.desk = "과학IT부";
  v.beat = "대덕연구개발특구와 과학기술, IT 산업을 취재합니다.";
  v.weight = 10;
  v.reporter_count = 4;
  v.subjects = CompileAll({"KAIST", "한국전자통신연구원(ETRI)", "한국항공우주연구원",
                           "한국원자력연구원", "한국화학연구원", "한국표준과학연구원",
                           "기초과학연구원(IBS)", "과학기술정보통신부", "대전테크노파크",
                           "한국기계연구원", "한국생명공학연구원", "충남대 연구팀"});
  v.topics = Topics({
      "6G 통신 핵심 기술|개발 공개 시연",
      "차세대 반도체 소자|개발 공개",
      "누리호 후속 발사|준비 추진",
      "소형모듈원자로(SMR) 설계|추진 완료 착수",
      "R&D 예산|확대 복원 편성",
      "양자컴퓨팅 연구|본격화 추진 확대",
      "생성형 AI 서비스|출시 공개 개발",
      "연구개발특구 규제 특례|추진 확대 신청",
      "바이오헬스 창업 지원|확대 강화",
      "우주항공 인재 양성|추진 확대",
      "과학 축제 '사이언스 페스티벌'|개최 준비",
      "공공 데이터 개방|확대 추진",
      "딥페이크 탐지 기술|개발 공개",
      "R&D 성과 기술이전|확대 추진",
      "수소 연료전지|개발 실증",
      "드론 배송 시범 사업|추진 실시",
      "초전도 소재 검증|실시 진행",
  });
  v.tails =
      CompileAll({"'R&D 도시' 위상 강화", "상용화 앞당긴다", "세계 최초 성과", "연구 현장 \"환영\"",
                  "국산화 길 열어", "\"인재 유출 우려\"", "R&D 예산 '숨통'"});
  v.quotes = CompileAll({
      "이번 성과는 국내 기술로 핵심 난제를 해결했다는 데 의미가 있다",
      "상용화까지는 2~3년 정도가 더 걸릴 것",
      "R&D 예산이 안정적으로 확보돼야 연구 현장이 흔들리지 않는다",
      "대덕특구의 연구 역량을 지역 산업과 연결하는 게 관건",
      "세계 시장을 선점할 수 있는 기회",
      "젊은 연구자들이 떠나지 않도록 처우를 개선해야 한다",
  });
  v.orgs = CompileAll({"과학기술정보통신부", "연구개발특구진흥재단", "대전시", "한국연구재단",
                       "국가과학기술연구회"});
  v.officials = Titles({"한국전자통신연구원장|원장", "KAIST 총장|총장",
                        "연구개발특구진흥재단 이사장|이사장", "대전시 과학산업국장|국장",
                        "한국항공우주연구원장|원장", "한국원자력연구원 책임연구원|책임연구원"});
  v.experts =
      Titles({"KAIST 전기및전자공학부 교수|교수", "ETRI 책임연구원|책임연구원",
              "과학기술정책연구원 선임연구위원|선임연구위원", "충남대 컴퓨터융합학부 교수|교수"});
  v.metrics =
      Topics({"정부 R&D 예산|증가 감소", "특구 기업 매출|증가 감소", "기술이전 건수|증가 감소",
              "연구소기업 수|증가 감소", "특허 출원 건수|증가 감소"});
  v.details = CompileAll({
      "연구팀은 이번 연구 결과를 국제 학술지 '{journal}'에 게재했다.",
      "기존 기술보다 성능이 {small}배가량 높고, 전력 소모는 {pct} 줄였다.",
      "이번 과제에는 {year}년까지 총 {money}의 R&D 예산이 투입된다.",
      "연구진은 관련 기술을 국내 기업에 이전해 상용화를 추진할 계획이다.",
      "대덕특구에는 현재 정부출연연구기관 {num}곳과 기업 2천여 곳이 자리 잡고 있다.",
      "연구 현장에서는 R&D 예산 삭감 이후 신규 과제가 줄었다는 우려가 여전하다.",
  });
  return v;
}

SectionVocab Culture() {
  SectionVocab v;
  v.slug = "culture";
  v.name = "문화";
  v.desk = "문화부";
  v.beat = "공연·전시와 문학, 지역 문화계를 취재합니다.";
  v.weight = 10;
  v.reporter_count = 4;
  v.subjects = CompileAll({"대전시립미술관", "대전예술의전당", "대전시립교향악단", "이응노미술관",
                           "대전문화재단", "충남문화관광재단", "대전시립무용단",
                           "대전시립연정국악원", "대전문학관", "국립부여박물관", "대전관광공사"});
  v.topics = Topics({
      "기획전 <빛의 기억>|개최 마련 준비",
      "정기연주회 '봄의 제전'|개최 마련",
      "창작 뮤지컬 <꿈돌이의 여행>|공연 초연",
      "대전 0시 축제|개최 준비",
      "지역 예술인 창작 지원 공모|진행 실시 시작",
      "국악 공연 <한밭의 소리>|공연 마련",
      "야간 문화유산 탐방 프로그램|운영 진행",
      "인문학 강좌|운영 개설",
      "청소년 연극제|개최 진행",
      "대전 칼국수 축제|개최 준비",
      "근대문화유산 도보 여행|운영 시작",
      "이응노 회고전 <군상>|개최 마련",
      "무용극 <금강>|공연 초연",
      "백제 유물 특별전|개최 마련",
      "사진전 <대전, 그때 그 거리>|개최 마련",
  });
  v.tails = CompileAll({"시민 발길 이어져", "가족 관람객 '인기'", "'꿀잼도시' 대전 알린다",
                        "관람 무료", "예매 {small}분 만에 매진", "\"대전의 밤이 달라졌다\""});
  v.quotes = CompileAll({
      "시민 누구나 부담 없이 예술을 즐길 수 있는 자리가 되길 바란다",
      "지역 예술가들에게는 새로운 관객을 만나는 기회가 될 것",
      "대전이 '노잼도시'라는 오명을 벗고 문화도시로 거듭나고 있다",
      "작품 하나하나에 담긴 작가의 시선을 천천히 따라가 보길 권한다",
      "{topic}{이} 대전을 대표하는 문화 브랜드로 자리 잡길 기대한다",
  });
  v.orgs = CompileAll({"대전시립미술관", "대전문화재단", "대전예술의전당", "대전시", "대전관광공사",
                       "문화체육관광부"});
  v.officials =
      Titles({"대전시립미술관장|관장", "대전문화재단 대표이사|대표", "대전예술의전당 관장|관장",
              "대전시 문화관광국장|국장", "대전시립교향악단 예술감독|감독"});
  v.experts = Titles({"미술평론가|평론가", "목원대 음악학부 교수|교수",
                      "한남대 문예창작학과 교수|교수", "배재대 공연예술학과 교수|교수"});
  v.metrics = Topics({"공연 관람객 수|증가 감소", "전시 관람객 수|증가 감소",
                      "축제 방문객 수|증가 감소", "도서관 이용자 수|증가 감소"});
  v.details = CompileAll({
      "행사는 {fday}부터 다음 달 말까지 이어지며, 관람료는 무료다.",
      "이번 무대에는 단원 {num}0여 명이 오른다.",
      "예매는 {org} 누리집에서 할 수 있다.",
      "지난해에는 {bignum}명의 관람객이 찾아 큰 호응을 얻었다.",
      "전시장에서는 작품 {num}0여 점이 관람객을 맞는다.",
      "주말에는 어린이와 가족을 위한 체험 프로그램도 함께 운영된다.",
  });
  return v;
}

SectionVocab Sports() {
  SectionVocab v;
  v.slug = "sports";
  v.name = "스포츠";
  v.desk = "체육부";
  v.beat = "한화 이글스와 대전하나시티즌, 지역 체육계를 취재합니다.";
  v.kind = SectionKind::kSports;
  v.weight = 10;
  v.reporter_count = 4;
  v.subjects = CompileAll({"대전시체육회", "충남도체육회", "한화 이글스", "대전하나시티즌",
                           "대전시장애인체육회", "충남아산FC"});
  v.topics = Topics({
      "전국체전 선수단|구성 확정 파견",
      "새 야구장 운영|준비 점검",
      "유소년 축구 교실|운영 개설",
      "동계 전지훈련|실시 진행 마무리",
      "생활체육 동호인 대회|개최",
      "대전 마라톤 대회|개최 준비",
      "전력 보강|추진 마무리",
      "외국인 선수 영입|추진 확정 마무리",
      "학교 운동부 지원|확대 강화",
      "시즌권 판매|시작 진행",
  });
  v.tails = CompileAll({"팬들 기대감 '쑥'", "명예 회복 노린다", "\"올해는 가을야구\"",
                        "시민 참여 열기", "종합 순위 도약 목표"});
  v.quotes = CompileAll({
      "팬들이 자랑스러워할 수 있는 팀을 만들겠다",
      "선수들이 최상의 몸 상태로 시즌을 맞을 수 있도록 준비하겠다",
      "지역 체육 인프라 확충이 무엇보다 시급하다",
      "시민 누구나 운동을 즐길 수 있는 환경을 만들겠다",
  });
  v.orgs = CompileAll(
      {"대전시체육회", "대한체육회", "한국야구위원회(KBO)", "한국프로축구연맹", "대전시"});
  v.officials = Titles({"대전시체육회장|회장", "한화 이글스 단장|단장",
                        "대전하나시티즌 대표이사|대표", "대전시 체육진흥과장|과장"});
  v.experts = Titles(
      {"충남대 체육교육과 교수|교수", "스포츠 해설위원|해설위원", "한남대 스포츠과학과 교수|교수"});
  v.metrics = Topics({"관중 수|증가 감소", "시즌권 판매량|증가 감소", "생활체육 참여율|상승 하락"});
  v.details = CompileAll({
      "지난 시즌 홈 관중은 {bignum}명으로 집계됐다.",
      "대전 선수단은 {num}개 종목에 선수와 임원을 내보낸다.",
      "구단은 {fday}부터 온라인으로 관련 신청을 받는다.",
  });
  return v;
}

SectionVocab Opinion() {
  SectionVocab v;
  v.slug = "opinion";
  v.name = "오피니언";
  v.desk = "논설위원실";
  v.beat = "사설과 칼럼을 씁니다.";
  v.kind = SectionKind::kOpinion;
  v.weight = 6;
  v.reporter_count = 3;
  return v;
}

SentencePools NewsPools() {
  SentencePools p;
  p.leads = CompileAll({
      "{subj}{은} {today} {topic}{을} {act}한다고 밝혔다.",
      "{subj}{은} {topic}{을} {act}하기로 했다고 {today} 밝혔다.",
      "{subj}{은} 올해 하반기부터 {topic}{을} 본격적으로 {act}할 계획이라고 {today} 밝혔다.",
      "{subj}{이} {topic}{을} {act}하면서 지역 사회의 관심이 쏠리고 있다.",
      "{subj}{은} {pastday} {topic}{을} {act}했다고 {today} 밝혔다.",
  });
  p.open_leads = CompileAll({
      "{subj}{이} {topic} {act}에 나선다.",
      "{subj}{이} 올해 하반기 {topic} {act}에 본격 착수한다.",
  });
  p.follows = CompileAll({
      "이번 조치는 {reason}{을} 위한 것이다.",
      "{subj}{은} 이를 통해 {effect}{을} 기대하고 있다.",
      "{reason}{을} 위해 마련된 이번 계획에는 관계 기관 {num}곳이 참여한다.",
      "지역에서는 이번 결정이 {effect}{으로} 이어질 것이라는 기대가 나온다.",
      "{subj}{은} 관련 부서와 협의를 거쳐 세부 계획을 확정했다.",
  });
  p.details = CompileAll({
      "{subj}에 따르면 이번 사업에는 {year}년까지 총 {money}{이} 투입된다.",
      "{place} 지역 {metric}{은} 지난해 같은 기간보다 {pct} {updown}한 것으로 나타났다.",
      "{metric}{은} 올해 들어 {updown}세를 이어가고 있다.",
      "{subj}{은} 상반기 중 세부 계획을 확정하고 하반기부터 본격 시행에 들어갈 방침이다.",
      "다만 일각에서는 예산 확보와 인력 충원이 뒤따르지 않으면 실효성이 떨어질 수 있다는 "
      "지적도 나온다.",
      "관계 기관 협의는 {fday} 열릴 예정이다.",
      "{subj}{은} 관련 조례 개정과 예산 확보 절차도 함께 진행할 예정이다.",
      "현재 {place}에서는 관련 시설 {num}곳이 운영되고 있다.",
      "시민 {respondents}명을 대상으로 한 설문조사에서는 응답자의 {share}{이} 필요하다고 답했다.",
      "앞서 {subj}{은} {pastmonth} 관련 기본계획을 발표한 바 있다.",
      "이와 별도로 {topic2}도 추진된다.",
      "{org}{은} 전문가 자문단을 꾸려 세부 실행 방안을 마련하고 있다.",
      "{place} 등 {num}곳이 우선 대상지로 검토되고 있다.",
      "{subj}{은} 추진 과정에서 시민 의견을 폭넓게 수렴하겠다는 입장이다.",
      "사업이 마무리되면 연간 {bignum}명이 혜택을 볼 것으로 추산된다.",
      "{org} 분석 결과 관련 수요는 {year}년까지 매년 {pct}씩 늘어날 것으로 전망됐다.",
      "지난해 비슷한 사업에는 {money}{이} 쓰였다.",
      "자세한 내용은 {org}({phone}){으로} 문의하면 된다.",
      "{subj}{은} 사업 대상과 지원 기준을 담은 공고를 {fday} 낼 예정이다.",
      "올해 관련 예산은 지난해보다 {pct} 늘어난 {money}{으로} 책정됐다.",
      "전문가들은 제도의 취지를 살리려면 꾸준한 사후 관리가 뒤따라야 한다고 조언한다.",
      "{subj}{은} 비슷한 사업을 먼저 시행한 다른 지역의 사례도 참고할 방침이다.",
      "{org}{과}의 업무협약도 {fday} 체결될 예정이다.",
      "이번 계획은 {pastmonth} 열린 정책 토론회에서 나온 제안을 반영한 것이다.",
  });
  p.quotes = CompileAll({
      "{official}{은} \"{quote}\"{이라고} 말했다.",
      "{official}{은} \"{quote}\"{이라며} \"{quote}\"{이라고} 강조했다.",
      "{expert}{은} \"{quote}\"{이라고} 분석했다.",
      "{expert}{은} \"{quote}\"{이라고} 진단했다.",
      "{org} 관계자는 \"{quote}\"{이라고} 설명했다.",
      "{official}{은} 기자간담회에서 \"{quote}\"{이라고} 밝혔다.",
  });
  p.closings = CompileAll({
      "{subj}{은} 추진 상황을 꾸준히 점검해 나갈 방침이다.",
      "{topic}{이} 계획대로 마무리될 수 있을지 귀추가 주목된다.",
      "한편 {subj}{은} {fday} 시민 설명회를 열고 구체적인 내용을 공개할 예정이다.",
      "{subj}{은} 내년 초 성과를 평가해 사업 확대 여부를 결정할 계획이다.",
      "지역 사회의 관심은 이제 실행 속도에 쏠리고 있다.",
      "관련 논의는 {fday} 다시 이어질 전망이다.",
  });
  return p;
}

GameVocab Games() {
  GameVocab g;
  const std::vector<std::string> kbo = {"LG 트윈스",    "두산 베어스", "삼성 라이온즈",
                                        "KIA 타이거즈", "SSG 랜더스",  "롯데 자이언츠",
                                        "NC 다이노스",  "kt wiz",      "키움 히어로즈"};
  const std::vector<std::string> k_league1 = {"울산 HD", "전북 현대", "포항 스틸러스",
                                              "FC서울",  "수원FC",    "강원FC",
                                              "광주FC",  "제주 SK",   "김천 상무"};
  const std::vector<std::string> k_league2 = {"수원 삼성",   "부산 아이파크", "전남 드래곤즈",
                                              "부천FC",      "성남FC",        "김포FC",
                                              "서울 이랜드", "경남FC"};
  g.teams = {
      Team{"한화 이글스", Sport::kBaseball, "대전 한화생명 볼파크", "KBO리그", kbo},
      Team{"대전하나시티즌", Sport::kFootball, "대전월드컵경기장", "K리그1", k_league1},
      Team{"충남아산FC", Sport::kFootball, "아산 이순신종합운동장", "K리그2", k_league2},
      Team{"천안시티FC", Sport::kFootball, "천안종합운동장", "K리그2", k_league2},
      Team{"대전 삼성화재",
           Sport::kVolleyball,
           "대전 충무체육관",
           "V리그",
           {"대한항공", "현대캐피탈", "OK저축은행", "우리카드", "한국전력", "KB손해보험"}},
      Team{"대전 정관장",
           Sport::kVolleyball,
           "대전 충무체육관",
           "V리그",
           {"흥국생명", "현대건설", "IBK기업은행", "GS칼텍스", "한국도로공사", "페퍼저축은행"}},
      Team{"청주 KB스타즈",
           Sport::kBasketball,
           "청주체육관",
           "여자프로농구",
           {"아산 우리은행", "용인 삼성생명", "부천 하나은행", "인천 신한은행", "부산 BNK"}},
  };
  g.win_headlines = CompileAll({
      "{subj}, {opp}에 {score} 승리…{player} 맹활약",
      "{subj}, {opp} 꺾고 연승 행진",
      "'{player} 펄펄' {subj}, {opp}에 {score} 완승",
      "{subj}, 안방서 {opp} 제압…{player} 원맨쇼",
      "{subj} {player}, 결정적 한 방…{opp}에 {score} 승",
  });
  g.loss_headlines = CompileAll({
      "{subj}, {opp}에 {score} 패…{player} 분전 빛바래",
      "{subj}, {opp}에 덜미…연패 늪",
      "{subj}, 뒷심 부족에 {opp}에 {score} 석패",
  });
  g.subheadlines =
      CompileAll({"관중 {crowd}명 '열광'", "{player} 시즌 최고 활약", "리그 {small}위 자리 다툼"});
  g.win.leads = CompileAll({
      "{subj}{은} {today} {venue}에서 열린 {thisyear} {league} {opp}{과}의 홈경기에서 "
      "{score}{으로} 이겼다.",
      "{subj}{은} {today} {opp}{과}의 {league} 원정경기에서 {score}{으로} 승리했다.",
      "{subj}{이} {today} 홈 팬들 앞에서 {opp}{을} {score}{으로} 꺾었다.",
  });
  g.win.follows = CompileAll({
      "이로써 {subj}{은} 시즌 {num}승째를 올리며 상위권 추격에 속도를 냈다.",
      "{subj}{은} 이날 승리로 리그 순위를 {small}위로 끌어올렸다.",
  });
  g.win.details = CompileAll({
      "이날 경기장에는 {crowd}명의 관중이 찾아 열띤 응원을 펼쳤다.",
      "경기 초반 팽팽하던 흐름은 중반 이후 {subj} 쪽으로 기울었다.",
      "{opp}{은} 막판 추격에 나섰지만 끝내 승부를 뒤집지 못했다.",
      "{player}{은} 이날 경기 최우수선수로 선정됐다.",
      "벤치의 과감한 선수 기용도 적중했다.",
  });
  g.win.quotes = CompileAll({
      "{official}{은} 경기 후 \"{quote}\"{이라고} 말했다.",
      "{official}{은} \"{quote}\"{이라며} 선수들을 격려했다.",
  });
  g.win.closings = CompileAll({
      "{subj}{은} {fday} {opp2}{과} 다음 경기를 치른다.",
      "상승세를 탄 {subj}{이} 이 기세를 이어갈 수 있을지 관심이 쏠린다.",
  });
  g.loss.leads = CompileAll({
      "{subj}{은} {today} {venue}에서 열린 {thisyear} {league} {opp}{과}의 홈경기에서 "
      "{score}{으로} 졌다.",
      "{subj}{은} {today} {opp}{과}의 {league} 원정경기에서 {score}{으로} 패했다.",
  });
  g.loss.follows = CompileAll({
      "{subj}{은} 이날 패배로 리그 {small}위에 머물렀다.",
      "{subj}{은} 초반 리드를 지키지 못하고 역전을 허용했다.",
  });
  g.loss.details = CompileAll({
      "이날 경기장에는 {crowd}명의 관중이 찾았다.",
      "{subj}{은} 경기 막판 추격에 나섰지만 점수 차를 좁히지 못했다.",
      "잇따른 수비 실책으로 흐름을 내준 것이 뼈아팠다.",
      "{subj}{은} 경기 초반 잇따라 실점하며 주도권을 내줬다.",
      "벤치의 승부수도 끝내 통하지 않았다.",
  });
  g.loss.quotes = g.win.quotes;
  g.loss.closings = CompileAll({
      "{subj}{은} {fday} {opp2}{과}의 경기에서 분위기 반전을 노린다.",
      "연패를 끊기 위한 {subj}의 해법 찾기가 시급해 보인다.",
  });
  g.win_quotes =
      CompileAll({"선수들이 끝까지 집중력을 잃지 않은 덕분", "홈 팬들의 응원이 큰 힘이 됐다",
                  "준비한 전략이 잘 맞아떨어졌다", "이 기세를 다음 경기까지 이어가겠다"});
  g.loss_quotes =
      CompileAll({"부족한 부분을 보완해 다음 경기를 준비하겠다", "결과에 대한 책임은 감독에게 있다",
                  "초반 실점이 뼈아팠다", "팬들께 죄송하다. 반드시 반등하겠다"});
  g.sport_win[static_cast<int>(Sport::kBaseball)] = CompileAll({
      "{player}{은} {small}회 결승 2점 홈런을 터뜨리며 팀 승리를 이끌었다.",
      "선발 투수 {player2}{은} 7이닝 동안 {small}피안타 1실점으로 호투하며 시즌 {small}승째를 "
      "챙겼다.",
      "타선에서는 {player}{이} 4타수 3안타 2타점으로 맹타를 휘둘렀다.",
      "불펜진도 무실점으로 뒷문을 단단히 걸어 잠갔다.",
  });
  g.sport_win[static_cast<int>(Sport::kFootball)] = CompileAll({
      "{player}{은} 전반 {minute}분 선제골을 터뜨리며 승리의 발판을 놓았다.",
      "후반 {minute}분에는 {player2}{이} 헤더로 쐐기골을 넣었다.",
      "수비진은 상대의 공세를 끝까지 막아냈다.",
  });
  g.sport_win[static_cast<int>(Sport::kVolleyball)] = CompileAll({
      "{player}{은} 양 팀 최다인 {pts}득점을 올리며 공격을 이끌었다.",
      "세터 {player2}의 안정적인 토스도 돋보였다.",
      "블로킹 싸움에서도 상대를 압도했다.",
  });
  g.sport_win[static_cast<int>(Sport::kBasketball)] = CompileAll({
      "{player}{은} {pts}점 1{small}리바운드로 더블더블을 기록했다.",
      "{player2}{은} 3점슛 {small}개를 꽂아 넣으며 힘을 보탰다.",
      "리바운드 싸움에서 우위를 점한 것이 승인이었다.",
  });
  g.sport_loss[static_cast<int>(Sport::kBaseball)] = CompileAll({
      "선발 투수 {player2}{은} {small}이닝 동안 5실점하며 패전의 멍에를 썼다.",
      "{player}{이} 솔로 홈런을 때려냈지만 승부를 뒤집기에는 역부족이었다.",
  });
  g.sport_loss[static_cast<int>(Sport::kFootball)] = CompileAll({
      "{player}{이} 후반 {minute}분 만회골을 넣었지만 끝내 승부를 뒤집지 못했다.",
      "결정적인 기회를 여러 차례 놓친 것이 아쉬웠다.",
  });
  g.sport_loss[static_cast<int>(Sport::kVolleyball)] = CompileAll({
      "{player}{이} {pts}득점으로 분전했지만 팀 패배로 빛이 바랬다.",
      "서브 리시브가 흔들리며 상대에게 흐름을 내줬다.",
  });
  g.sport_loss[static_cast<int>(Sport::kBasketball)] = CompileAll({
      "{player}{이} {pts}점을 올렸지만 팀의 패배를 막지 못했다.",
      "외곽슛 난조가 끝내 발목을 잡았다.",
  });
  return g;
}

OpinionVocab Opinions() {
  OpinionVocab o;
  o.headlines = CompileAll({
      "[사설] {topic}, {stance}",
      "[사설] {topic}, {stance}",
      "[사설] {subj}의 {topic} {act}, {stance}",
      "[칼럼] {column}",
      "[데스크 칼럼] {column}",
      "[시론] {topic}{이} 남긴 과제",
      "[기자수첩] '{topic}' 이대로 괜찮나",
      "[기고] {topic}, 시민의 눈으로 다시 보자",
  });
  o.stances = CompileAll({"서둘러야 한다", "신중해야 한다", "더는 미룰 수 없다",
                          "실효성부터 담보해야", "시민 눈높이 맞춰야", "근본 대책 필요하다",
                          "'보여주기'로는 안 된다", "현장의 목소리 들어야"});
  o.columns = CompileAll({"도시의 표정을 바꾸는 작은 변화", "'노잼도시'라는 오명에 대하여",
                          "청년이 머무는 도시의 조건", "숫자 뒤에 가려진 사람들",
                          "골목 상권이 살아야 도시가 산다", "과학도시 대전의 다음 50년",
                          "'ㅋㅋ'와 '👍' 사이, 세대의 언어", "\"괜찮아요\"라는 말의 무게",
                          "금강이 들려주는 이야기", "느린 도시 & 빠른 도시"});
  o.sentences.leads = CompileAll({
      "{topic}{을} 둘러싼 논란이 좀처럼 가라앉지 않고 있다.",
      "{subj}{이} {topic}{을} {act}하겠다고 밝힌 지 {small}개월이 지났다.",
      "지역 사회의 오랜 과제인 {topic}{이} 다시 도마에 올랐다.",
      "{pastmonth} {subj}{은} {topic}{을} {act}하겠다고 발표했다.",
  });
  o.sentences.follows = CompileAll({
      "문제는 속도가 아니라 방향이다.",
      "시민들이 체감하는 현실은 통계와 거리가 멀다.",
      "취지에는 공감하지만 우려의 목소리도 적지 않다.",
  });
  o.sentences.details = CompileAll({
      "행정은 결과로 말해야 한다.",
      "보여주기식 대책으로는 시민의 신뢰를 얻을 수 없다.",
      "{place}의 사례는 좋은 참고가 된다.",
      "예산 {money}{이} 들어가는 사업이라면 더욱 꼼꼼한 검증이 필요하다.",
      "전문가들은 단기 성과에 매달리기보다 긴 호흡의 계획이 필요하다고 입을 모은다.",
      "한 설문조사에서 시민 {share}{이} 현재 정책에 만족하지 못한다고 답한 것은 가볍게 넘길 "
      "일이 아니다.",
      "물론 모든 책임을 행정에만 돌릴 수는 없다.",
      "지역 정치권도 정쟁을 멈추고 머리를 맞대야 한다.",
      "무엇보다 현장의 목소리에 귀를 기울여야 한다.",
      "작은 변화가 쌓이면 도시의 표정도 달라진다.",
      "우리가 놓치고 있는 것은 무엇인지 되돌아볼 때다.",
      "숫자보다 중요한 것은 시민의 일상이 실제로 나아졌느냐다.",
      "비슷한 정책을 먼저 시행한 도시들의 시행착오에서 배울 점이 많다.",
      "예산과 인력이 뒷받침되지 않는 계획은 구호에 그칠 수밖에 없다.",
      "이해관계가 엇갈리는 만큼 충분한 공론화 과정이 필요하다.",
      "행정의 칸막이를 허무는 일부터 시작해야 한다.",
      "원도심과 신도심, 청년과 노인 누구도 소외되지 않는 해법이어야 한다.",
      "정책은 발표보다 집행이 어렵다.",
      "{metric}{이} {updown}했다는 숫자만으로는 시민의 삶을 다 설명할 수 없다.",
  });
  o.sentences.quotes = CompileAll({
      "\"{quote}\"{이라는} 말이 공허하게 들리지 않으려면 구체적인 실행 계획이 뒤따라야 한다.",
      "{subj}{은} \"{quote}\"{이라고} 했다. 그 약속이 지켜지는지 지켜볼 일이다.",
  });
  o.sentences.closings = CompileAll({
      "지금이 바로 첫걸음을 내디딜 때다.",
      "시민은 말보다 결과를 기다리고 있다.",
      "{subj}의 결단을 기대한다.",
      "더 늦기 전에 해법을 찾아야 한다.",
  });
  o.emoji_line = Template::Compile(
      "요즘 아이들은 고맙다는 말 대신 '👍' 하나를 보낸다. 짧지만 마음은 충분히 전해진다.");
  return o;
}

Vocabulary Build() {
  Vocabulary v;
  v.sections = {Politics(),  Economy(), Society(), Region(),
                ScienceIt(), Culture(), Sports(),  Opinion()};
  v.surnames = Names({"김:kim",  "김:kim",  "김:kim",  "김:kim",  "김:kim",  "이:lee",   "이:lee",
                      "이:lee",  "이:lee",  "박:park", "박:park", "박:park", "최:choi",  "최:choi",
                      "정:jung", "정:jung", "강:kang", "조:cho",  "윤:yoon", "장:jang",  "임:lim",
                      "한:han",  "오:oh",   "서:seo",  "신:shin", "권:kwon", "황:hwang", "안:ahn",
                      "송:song", "류:ryu",  "홍:hong", "전:jeon", "고:ko",   "문:moon",  "양:yang",
                      "손:son",  "배:bae",  "백:baek", "허:heo",  "남:nam",  "심:shim"});
  v.given_names =
      Names({"민준:minjun",  "서연:seoyeon",  "지훈:jihoon",    "하은:haeun",    "도윤:doyun",
             "서준:seojun",  "예준:yejun",    "지우:jiwoo",     "수빈:subin",    "지민:jimin",
             "현우:hyunwoo", "은지:eunji",    "태윤:taeyun",    "유진:yujin",    "성민:sungmin",
             "혜진:hyejin",  "동현:donghyun", "소연:soyeon",    "재원:jaewon",   "다은:daeun",
             "준호:junho",   "미경:mikyung",  "상훈:sanghoon",  "영수:youngsoo", "경민:kyungmin",
             "나연:nayeon",  "정호:jungho",   "수진:sujin",     "우진:woojin",   "가영:gayoung",
             "진우:jinwoo",  "하늘:haneul",   "승현:seunghyun", "보람:boram",    "기현:kihyun",
             "은비:eunbi",   "주원:juwon",    "시우:siwoo",     "채원:chaewon",  "윤서:yunseo",
             "민서:minseo",  "건우:geonwoo",  "예린:yerin",     "종민:jongmin",  "세영:seyoung"});
  v.places = CompileAll({"대전", "세종", "천안", "청주",        "공주",        "아산",     "논산",
                         "서산", "당진", "보령", "홍성",        "예산",        "계룡",     "금산",
                         "충주", "제천", "옥천", "대전 유성구", "대전 대덕구", "대전 서구"});
  v.reasons =
      CompileAll({"지역 경쟁력 강화", "시민 불편 해소", "민생 안정", "균형 발전",
                  "청년 인구 유출 방지", "안전 사각지대 해소", "행정 효율화", "일자리 창출"});
  v.effects = CompileAll({"지역 경제 활성화", "일자리 창출", "시민 편의 향상", "정주 여건 개선",
                          "관광객 증가", "기업 투자 확대", "생활 인구 증가"});
  v.journals = CompileAll({"네이처 커뮤니케이션스", "사이언스 어드밴시스", "어드밴스드 머티리얼즈",
                           "미국화학회지(JACS)", "네이처 일렉트로닉스"});
  v.headlines = CompileAll({
      "{subj}, {topic} {act}",
      "{subj}, {topic} {act}…{tail}",
      "{subj}, {topic} {act}…{tail}",
      "{subj}, \"{topic} {act}하겠다\"",
      "{subj}, {topic} {act}키로",
      "{subj} {topic} {act}에 '속도'",
      "{topic} {act}…{tail}",
  });
  v.open_headlines = CompileAll({
      "{subj}, {topic} {act} 나선다",
      "{subj}, {topic} {act} 본격 착수",
  });
  v.subheadlines = CompileAll({
      "{year}년까지 {money} 투입",
      "{place} 등 {num}곳 시범 운영",
      "{org}{과} 협력 체계 구축",
      "{fday}부터 신청 접수",
      "관련 예산 지난해보다 {pct} 늘어",
      "시민 {share} \"필요하다\" 응답",
      "{tail}",
  });
  v.news = NewsPools();
  v.games = Games();
  v.opinion = Opinions();
  return v;
}

}  // namespace

const Vocabulary& GetVocabulary() {
  static const Vocabulary vocabulary = Build();
  return vocabulary;
}

}  // namespace sinmun::app::demo
