"""Numbers and entities: examples from the seed pages, a scored floor, CLI shapes and properties."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotate import ALL_TYPES, annotate
from tui.annotate.numbers import find_numbers

from .conftest import ROOT, SEED

DATA = Path(__file__).parent / "data" / "seed_annotations.jsonl"


def spans_of(text: str) -> dict[str, str]:
    return {s.text: s.type for s in annotate(text)}


@pytest.mark.parametrize(("text", "expect"), [
    ("新增产值135亿元以上", {"135亿元": ("money", 13_500_000_000, "元")}),
    ("增速达到20%以上", {"20%": ("percent", 0.2, "%")}),
    ("增长百分之二十", {"百分之二十": ("percent", 0.2, "%")}),
    ("1.5万家", {"1.5万家": ("count", 15000, "家")}),
    ("一百三十五亿元", {"一百三十五亿元": ("money", 13_500_000_000, "元")}),
    ("８月２１日", {"８月２１日": ("date", {"month": 8, "day": 21}, None)}),
    ("２０％", {"２０％": ("percent", 0.2, "%")}),
])
def test_number_values(text: str, expect: dict) -> None:
    got = {s.text: (s.type, s.value, s.unit) for s in find_numbers(text)}
    assert got == expect


def test_qualifiers_stay_outside() -> None:
    for text, inner in (("约60亿元", "60亿元"), ("超过2000亿元", "2000亿元"), ("不少于30项", "30项"),
                        ("100万平米以上", "100万平米"), ("增长12%左右", "12%")):
        assert [s.text for s in find_numbers(text)] == [inner]


def test_idioms_are_not_numbers() -> None:
    for text in ("一马当先", "一视同仁", "一鼓作气", "引进一批项目", "一系列举措", "统一思想", "一张蓝图绘到底", "工作一线",
                 "开启新的一年", "一年一度的啤酒节"):
        assert find_numbers(text) == [], text


def test_seed_examples_score_above_floor() -> None:
    tp = fp = fn = 0
    for line in DATA.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold = {(t, k) for t, k in item["spans"]}
        pred = set(spans_of(item["text"]).items())
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.8, (precision, recall, f1)


def test_cli_annotate_json_shape() -> None:
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", str(SEED["000"]), "--json"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["path"] and doc["articles"]
    for art in doc["articles"]:
        for p in art["paragraphs"]:
            for s in p["spans"]:
                assert p["text"][s["start"]:s["end"]] == s["text"]
                assert s["type"] in ALL_TYPES
    texts = {s["text"]: s for a in doc["articles"] for p in a["paragraphs"] for s in p["spans"]}
    assert texts["135亿元"]["value"] == 13_500_000_000


def test_cli_annotate_jsonl_stdin() -> None:
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in ("总投资500亿元", "", "局长王娟表示")]
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", "--jsonl", "-"], input="\n".join(lines) + "\n",
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(out) == 3 and out[1]["spans"] == []
    assert out[0]["spans"][0]["text"] == "500亿元"


@pytest.mark.parametrize("text", ["", "   \n\t", "无标点" * 50_000, "😀🎉测试123", "\x00\x01\x1b[31m", "mixed 中文 English ١٢٣"])
def test_bad_input_never_raises(text: str) -> None:
    for s in annotate(text):
        assert text[s.start:s.end] == s.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三百千万亿两半零〇0123456789０１％%元个年月日第届号-至.，。的是在区局委员会李王张青岛市 ")), max_size=60) | st.text(max_size=60))
def test_spans_in_bounds_sorted_disjoint_and_faithful(text: str) -> None:
    spans = annotate(text)
    last_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end
        assert text[s.start:s.end] == s.text
        assert s.type in ALL_TYPES
        last_end = s.end


def test_corpus_user_dictionary_steers_entities(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    (corpus / ".yuelan").mkdir(parents=True)
    (corpus / "page.txt").write_text("标题\n\n据悉，蓝鲸智联将在本地设厂。\n", encoding="utf-8")
    (corpus / ".yuelan" / "userdict.txt").write_text("蓝鲸智联 100 nt\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", str(corpus / "page.txt"), "--corpus", str(corpus),
                        "--json"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    spans = [s for a in json.loads(r.stdout)["articles"] for p in a["paragraphs"] for s in p["spans"]]
    assert {"text": "蓝鲸智联", "type": "organization"}.items() <= next(s for s in spans if s["text"] == "蓝鲸智联").items()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("董家口经济区工委李金国在讲话中的是了aB3-_.%＃ \r\n\t，。")), max_size=80) | st.text(max_size=80))
def test_single_pass_tokenizer_matches_jieba(text: str) -> None:
    """tokenize_pair replays jieba's two cut loops over one route; it must give jieba's own answers."""
    from tui.annotate.segment import tokenize, tokenize_pair

    assert tokenize_pair(text) == (tokenize(text), tokenize(text, hmm=False))


@pytest.mark.parametrize(("text", "places"), [
    ("中日两国和两国人民", {"中", "日"}),
    ("促进了中印两国朝着睦邻友好方向发展", {"中", "印"}),
    ("中、阿建交20年来", {"中", "阿"}),
    ("新闻出版署今天在京召开会议", {"京"}),
    ("对美关系充满信心", {"美"}),
    ("我们将坚持一切从中国国情出发", {"中国"}),
])
def test_abbreviated_and_embedded_places(text: str, places: set[str]) -> None:
    found = {s.text for s in annotate(text) if s.type == "place"}
    assert places <= found


@pytest.mark.parametrize("text", ["省政府分别出台了支持新区发展的意见", "在新征程上演绎新精彩", "全面提升数字新区建设水平",
                                  "深刻认识历史经验的重大意义"])
def test_common_words_are_not_places(text: str) -> None:
    assert not [s.text for s in annotate(text) if s.type == "place"]


def test_titles_prove_names_and_honorifics_stay_outside() -> None:
    assert spans_of("国务委员罗干今天上午在纽约").get("罗干") == "person"
    assert spans_of("周恩来总理生前关心澳门").get("周恩来") == "person"
    assert spans_of("李老师看了后，微笑着说").get("李") == "person"


def test_a_name_proved_once_is_found_across_the_article() -> None:
    from tui.annotate.article import annotate_article

    texts = ["区委副书记、统战部部长李金国出席并讲话。", "李金国在讲话中指出，要抓好落实。", "区领导逯鹰、李金 国参加。"]
    spans = annotate_article(texts)
    assert [[s.text for s in ss if s.type == "person" and "金" in s.text] for ss in spans] == [
        ["李金国"], ["李金国"], ["李金 国"]]
    assert not [s for ss in spans for s in ss if s.text == "金国"]


@pytest.mark.parametrize(("text", "expect"), [
    ("加快推动5G高新视频产业发展", {}),
    ("新能源零部件产业园", {}),
    ("办好2020青岛凤凰音乐节", {"2020": ("date", {"year": 2020})}),
    ("金能化学二期项目正在紧张施工", {"二期": ("ordinal", 2)}),
    ("（下转第1版）于《青岛日报》2月10日1版）", {"第1版": ("ordinal", 1), "1版": ("ordinal", 1),
                                       "2月10日": ("date", {"month": 2, "day": 10})}),
])
def test_numbers_in_names_and_pages(text: str, expect: dict) -> None:
    got = {s.text: (s.type, s.value) for s in annotate(text) if s.type not in ("person", "place", "organization")}
    assert got == expect


def test_unknown_names_with_a_surname_and_common_given_name_characters() -> None:
    """薛丽霞 is in no dictionary; a surname and two characters jieba's own names use make it a person,
    but not 普惠型, 海合会 or a name glued to the verb after it (李飞作)."""
    assert spans_of("据介绍，薛丽霞今年五十岁").get("薛丽霞") == "person"
    for text, word in (("推进普惠型养老服务", "普惠型"), ("海合会国家", "海合会")):
        assert spans_of(text).get(word) != "person"


def test_nested_bodies_buildings_and_foreign_names() -> None:
    got = spans_of("国务院港澳办副主任出席，会议在人民大会堂举行")
    assert got.get("国务院港澳办") == "organization" and got.get("人民大会堂") == "place"
    assert spans_of("工委区委召开会议").get("工委区委") is None  # two bodies side by side stay two
    assert spans_of("挪威克朗对美元汇率").get("挪威克朗") != "place"


NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789０１２３４５.,-%％年月日号第届期版个元亿万千百十九八七六五四三二一两零〇半点之分时：:￥$+大精神A中国 ，。")),
                    max_size=60)


@given(st.one_of(NUMBERISH, st.text(max_size=60)))
def test_number_scan_finds_what_the_full_pattern_finds(text: str) -> None:
    """Numbers are looked for only where a numeral, 第 or a currency sign stands; that must never lose a
    match the whole pattern would find at another character."""
    from tui.annotate.numbers import _MASTER, _matches

    assert [m.span() for m in _matches(text)] == [m.span() for m in _MASTER.finditer(text)]


@pytest.mark.parametrize(("text", "org"), [("加快建设平安银行青岛自贸区", "平安银行"), ("中国银保监会发布通知", "中国银保监会"),
                                           ("曼联与热刺战平", "热刺")])
def test_known_organisations_that_jieba_cuts_in_pieces(text: str, org: str) -> None:
    from tui.annotate.entities import find_entities

    assert (org, "organization") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize(("text", "org"), [
    ("加快建设平安银行青岛自贸区分行", "平安银行青岛自贸区分行"), ("交通银行深圳分行的负责人", "交通银行深圳分行"),
    ("新华社上海分社记者", "新华社上海分社"), ("清华大学心理学系教授", "清华大学心理学系"),
    ("北京市消防局通报", "北京市消防局"), ("福建省公安厅经侦总队", "福建省公安厅"), ("教育部印发通知", "教育部"),
    ("老挝家具协会会长说", "老挝家具协会"), ("国土局详规处处长", "国土局详规处")])
def test_branches_departments_and_bureaus_are_one_organisation(text: str, org: str) -> None:
    from tui.annotate.entities import find_entities

    assert (org, "organization") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize("text", ["中华周易研究会副会长", "在宴会厅举行", "他在俱乐部", "老挝家具协会会长说"])
def test_posts_and_halls_are_not_organisations(text: str) -> None:
    from tui.annotate.entities import find_entities

    orgs = [s.text for s in find_entities(text) if s.type == "organization"]
    assert not any(o.endswith(("副会", "会会", "宴会厅", "俱乐部")) for o in orgs), orgs


def test_a_known_name_inside_a_longer_word_is_not_taken() -> None:
    from tui.annotate.entities import find_entities

    assert "中国银行" not in [s.text for s in find_entities("中国银行业协会发布报告")]
    assert [s for s in find_entities("布局临港贸易、临港加工") if s.text == "临港"] == []


def test_district_courts_and_verbs_jieba_tags_as_nouns() -> None:
    from tui.annotate.entities import find_entities

    found = [(s.text, s.type) for s in find_entities("工委政法委、区法院、区检察院、区司法局广大干部纷纷表示")]
    assert ("区法院", "organization") in found and ("区检察院", "organization") in found
    assert find_entities("农文旅并进，助力新区全域打造乡村振兴齐鲁样板") == []


def test_names_either_side_of_a_fixture_are_clubs() -> None:
    from tui.annotate.entities import find_entities

    found = {(s.text, s.type) for s in find_entities("（一）维拉vs富勒姆")}
    assert ("维拉", "organization") in found and ("富勒姆", "organization") in found
    # a Chinese player beating another stays a person; a country stays a place
    found = {(s.text, s.type) for s in find_entities("孙俊以2∶1战胜印尼名将阿尔比，邵炜刚胜聂卫平。")}
    assert ("聂卫平", "person") in found and ("印尼", "place") in found


def test_newspapers_are_organisations() -> None:
    from tui.annotate.entities import find_entities

    assert ("青岛日报", "organization") in [(s.text, s.type) for s in find_entities("（原文载于《青岛日报》2月10日1版）")]


def test_cli_annotate_covers_the_page_outside_its_articles() -> None:
    """The editors' credit line sits outside every article on page 004; annotating the page covers it."""
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", str(SEED["004"]), "--json"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    doc = json.loads(r.stdout)
    first = doc["articles"][0]
    assert first["id"].endswith("-00") and first["title"] == "(page furniture)"
    names = {s["text"] for p in first["paragraphs"] for s in p["spans"] if s["type"] == "person"}
    assert {"赵波", "李飞", "姜胜保", "韩婷"} <= names
    assert doc["articles"][1]["id"].endswith("-01")


def test_quoted_slogans_of_counts_are_one_span() -> None:
    assert [(s.text, s.type) for s in find_numbers("全面落实“5个1”工作机制")] == [("5个1", "other")]
    assert [(s.text, s.type) for s in find_numbers("比如“三个100”攻坚行动")] == [("三个100", "other")]
    assert [(s.text, s.type) for s in find_numbers("1个100万元的项目")] == [("1个", "count"), ("100万元", "money")]


@pytest.mark.parametrize(("text", "org"), [("工委组织部表示将深刻把握", "工委组织部"), ("市委宣传部部长张三", "市委宣传部"),
                                           ("省委办公厅印发通知", "省委办公厅")])
def test_a_committee_and_its_department_are_one_organisation(text: str, org: str) -> None:
    from tui.annotate.entities import find_entities

    found = [(s.text, s.type) for s in find_entities(text)]
    assert (org, "organization") in found and not any(t == "person" and "部" in w for w, t in found)
    assert [s.text for s in find_entities("工委区委常委会")] == ["工委", "区委常委会"]  # two committees stay two


def test_an_institution_named_after_a_foreign_name_is_one_organisation() -> None:
    from tui.annotate.entities import find_entities

    assert ("梅纽因音乐学校", "organization") in [(s.text, s.type) for s in find_entities("加快推进梅纽因音乐学校建设")]
    assert "韩正在清华大学" not in [s.text for s in find_entities("韩正在清华大学调研")]


@pytest.mark.parametrize(("text", "name"), [
    ("连保加利亚的贝尔巴托夫都说", "贝尔巴托夫"), ("3月11日，汤姆-克鲁斯在贝弗利山庄", "汤姆-克鲁斯"),
    ("中心总工程师曹新民表示", "曹新民"), ("每经记者郑步春", "郑步春"), ("□本报记者张胜男", "张胜男"),
    ("执行董事曾世民表示", "曾世民")])
def test_names_jieba_cuts_are_whole(text: str, name: str) -> None:
    from tui.annotate.entities import find_entities

    assert (name, "person") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize("text", ["谢世杰雷鸣朱森林乔石", "负责人曾表示", "记者和编辑一起", "金庸于1955年"])
def test_function_words_and_lists_are_not_glued_into_names(text: str) -> None:
    from tui.annotate.entities import find_entities

    people = [s.text for s in find_entities(text) if s.type == "person"]
    assert not any(p in ("谢世杰雷鸣", "朱森林乔石", "曾表示", "和编辑", "金庸于") for p in people), people


@pytest.mark.parametrize(("text", "org"), [
    ("在第二届全国人民代表大会第一次会议上", "第二届全国人民代表大会"), ("政协第八届全国委员会", "政协第八届全国委员会"),
    ("这是原中国书法研究院的院址", "中国书法研究院"), ("同期中央银行宣布", "中央银行"),
    ("经海口市中级人民法院审理", "海口市中级人民法院"), ("国家新闻出版署今天发布", "国家新闻出版署"),
    ("融合发展。”红石崖街道党工委", "红石崖街道党工委")])
def test_organisation_names_start_where_the_name_does(text: str, org: str) -> None:
    from tui.annotate.entities import find_entities

    assert (org, "organization") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize(("text", "name"), [("加拉塔萨雷vs费耶诺德", "加拉塔萨雷"), ("苏联的沙波什尼科夫元帅", "沙波什尼科夫")])
def test_foreign_names_cut_short_on_the_left_are_whole(text: str, name: str) -> None:
    from tui.annotate.entities import find_entities

    assert name in [s.text for s in find_entities(text)]


def test_a_foreign_name_does_not_run_back_into_a_dictionary_word() -> None:
    from tui.annotate.entities import find_entities

    assert "本雅马哈" not in [s.text for s in find_entities("日本雅马哈公司")]


@pytest.mark.parametrize("text", ["这片沙滩很温馨，谢谢大家", "权威人士说这座古老的城市", "海岛的入口处", "青春的大海"])
def test_common_words_jieba_tags_as_names_or_places_are_not_entities(text: str) -> None:
    from tui.annotate.entities import find_entities

    assert [s.text for s in find_entities(text) if s.type in ("person", "place")] == []


@pytest.mark.parametrize(("text", "place"), [("作为重要战场，市南区明确", "市南区"), ("即墨区以干部作风建设大会开启", "即墨区"),
                                             ("市北区今年将开展", "市北区"), ("青海省称多县", "称多县")])
def test_administrative_divisions_are_places_whatever_jieba_says(text: str, place: str) -> None:
    from tui.annotate.entities import find_entities

    assert (place, "place") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize("text", ["发展大城市的经济", "维护和平区域稳定", "老城区改造"])
def test_words_that_contain_a_division_name_are_not_places(text: str) -> None:
    from tui.annotate.entities import find_entities

    assert [s.text for s in find_entities(text) if s.type == "place"] == []


@pytest.mark.parametrize(("text", "span", "kind"), [
    ("吉林省委书记", "吉林省委", "organization"), ("即墨区区委召开会议", "即墨区区委", "organization"),
    ("胶州市党委书记", "胶州市党委", "organization"),
    ("阿根廷政府表示", "阿根廷", "place"), ("克林顿政府宣布", "克林顿", "person")])
def test_local_committees_and_governments(text: str, span: str, kind: str) -> None:
    from tui.annotate.entities import find_entities

    assert (span, kind) in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize("text", ["工作取得长足进展", "要大力开展活动", "普通家庭的收入"])
def test_phrases_jieba_tags_as_organisations_are_not(text: str) -> None:
    from tui.annotate.entities import find_entities

    assert [s.text for s in find_entities(text) if s.type == "organization"] == []


@pytest.mark.parametrize(("text", "span", "kind"), [("加快实施自贸区“2.0版”，努力", "2.0版", "other"),
                                                    ("体制机制（3.0版本）落地", "3.0版本", "other"),
                                                    ("金能化学二期项目", "二期", "ordinal"), ("产业园二期陆续投产", "二期", "ordinal")])
def test_versions_and_phases(text: str, span: str, kind: str) -> None:
    assert (span, kind) in [(s.text, s.type) for s in find_numbers(text)]


@pytest.mark.parametrize(("text", "place"), [("今年以来，灵山湾影视文化产业区围绕", "灵山湾影视文化产业区"),
                                             ("下一步，唐岛湾金融科创区将牢牢锚定", "唐岛湾金融科创区"),
                                             ("中德生态园始终把发展经济", "中德生态园"),
                                             ("加快唐岛湾金融大厦建设", "唐岛湾")])
def test_zones_and_parks_named_after_a_place_are_one_place(text: str, place: str) -> None:
    from tui.annotate.entities import find_entities

    assert (place, "place") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize("text", ["崂山区青岛市虚拟现实产业园项目", "丰台区政府推动商务区建设", "青岛将建设产业园"])
def test_a_zone_takes_only_the_place_just_before_it(text: str) -> None:
    from tui.annotate.entities import find_entities

    places = [s.text for s in find_entities(text) if s.type == "place"]
    assert not any(p.startswith(("崂山区青岛", "丰台区政府", "青岛将")) for p in places), places


@pytest.mark.parametrize("country", ["乌克兰", "科威特", "黎巴嫩", "哈萨克斯坦", "布基纳法索"])
def test_countries_jieba_tags_as_names_are_places(country: str) -> None:
    from tui.annotate.entities import find_entities

    assert (country, "place") in [(s.text, s.type) for s in find_entities(f"{country}政府代表团抵达北京，与{country}企业家会谈。")]


@pytest.mark.parametrize(("text", "name"), [("柳萍的目光始终瞄准着", "柳萍"), ("王芳在关键时刻能稳定军心", "王芳"),
                                            ("在这一点上，高敏是经受考验的", "高敏")])
def test_a_two_character_name_that_begins_a_clause(text: str, name: str) -> None:
    from tui.annotate.entities import find_entities

    assert (name, "person") in [(s.text, s.type) for s in find_entities(text)]


def test_a_surname_and_a_title_is_no_two_character_name() -> None:
    from tui.annotate.entities import find_entities

    assert "李总" not in [s.text for s in find_entities("李总的意见是先做调研")]


@pytest.mark.parametrize(("text", "org"), [("我市成立了疫情防控工作领导小组", "疫情防控工作领导小组"),
                                           ("市防汛抗旱指挥部发布预警", "市防汛抗旱指挥部"), ("芬兰农林部部长", "芬兰农林部")])
def test_bodies_named_by_their_task(text: str, org: str) -> None:
    from tui.annotate.entities import find_entities

    assert (org, "organization") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize(("text", "org"), [("国家减灾委、应急管理部启动预案", "应急管理部"), ("记者从农业农村部了解到", "农业农村部"),
                                           ("北京市技术监督局通报", "北京市技术监督局")])
def test_ministries_jieba_cuts_are_whole(text: str, org: str) -> None:
    from tui.annotate.entities import find_entities

    assert (org, "organization") in [(s.text, s.type) for s in find_entities(text)]


@pytest.mark.parametrize(("text", "bad"), [("为新年开好局、起好步", "开好局"), ("百年未有之大变局", "大变局"),
                                           ("主任委员李飞作的宪法和法律报告", "李飞作"), ("巴将是中国永远可信赖的朋友", "巴将"),
                                           ("今天是中国龙年的元宵节", "龙年")])
def test_situations_verbs_and_years_are_not_entities(text: str, bad: str) -> None:
    from tui.annotate.entities import find_entities

    assert bad not in [s.text for s in find_entities(text)]


@pytest.mark.parametrize(("text", "org"), [("住房和城乡建设部部长表示", "住房和城乡建设部"), ("市住建委相关负责人", "市住建委"),
                                           ("对渣打银行（香港）有限公司作出谴责", "渣打银行（香港）有限公司"),
                                           ("Valve公司开发的游戏", "Valve公司")])
def test_ministries_abbreviated_bodies_local_companies_and_latin_names(text: str, org: str) -> None:
    from tui.annotate.entities import find_entities

    assert (org, "organization") in [(s.text, s.type) for s in find_entities(text)]


def test_any_between_finds_a_position_in_the_half_open_range() -> None:
    from tui.annotate.zones import _any_between

    assert _any_between([2, 5, 9], 5, 6) and _any_between([2, 5, 9], 3, 10)
    assert not _any_between([2, 5, 9], 6, 9) and not _any_between([], 0, 100) and not _any_between([2], 3, 3)
