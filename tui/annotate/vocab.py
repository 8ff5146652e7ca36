"""Word sets that more than one entity rule reads: stop words, generic words, name and place endings.
The word lists are loaded from ``data/`` (one file each, with a header); the tag groups are defined in
``tokens`` and re-exported here for the rules that read them with the words.

They live apart from the rules so that the person, organisation and place modules share one copy and do
not import each other for a constant.
"""

from __future__ import annotations

import re

from tui.annotate.lexicon import with_role, words
from tui.annotate.tokens import NAME_TAGS, PERSON_TAGS

HAN = re.compile(r"^[\u3400-\u9fff·]+$")
STOP_PARTS = words("stop_words.txt")
GENERIC = words("generic_words.txt")
COMMON_FREQ = 500  # a jieba noun this frequent is a common word, not part of a name (董家 273, 数字 4670)
PLACE_END = set("省市县区镇乡村州岛湾港山河江湖路街洲洋海原")
TRANSLIT = set("尔夫娃娜莎妮茨阿埃艾安奥巴拜班邦贝本比波伯博布查达戴丹道德迪蒂丁杜多厄恩法菲费芬丰弗福冈戈格贡古哈海汉豪赫亨胡霍基吉加贾杰金卡凯坎康柯科克肯库拉莱赖兰朗劳勒雷里利林隆卢鲁路伦罗洛马麦曼梅蒙米明莫姆穆纳内尼努诺欧帕佩蓬皮普齐奇乔切萨塞桑瑟森沙舍什施斯松苏索塔泰坦汤特提图托瓦威韦维温沃乌西希谢辛休雅亚扬耶伊因尤约泽扎詹兹佐")
NUMERAL_CHARS = set("零一二三四五六七八九十百千两0123456789")
J_ORG_END = set("协联委办行钢院部局所校党团军队社盟大")
STANDALONE_ORGS = words("standalone_orgs.txt")
LEADER_TITLES = with_role("titles.txt", "leader")

__all__ = ["COMMON_FREQ", "GENERIC", "HAN", "J_ORG_END", "LEADER_TITLES", "NAME_TAGS", "NUMERAL_CHARS", "PERSON_TAGS",
           "PLACE_END", "STANDALONE_ORGS", "STOP_PARTS", "TRANSLIT"]
