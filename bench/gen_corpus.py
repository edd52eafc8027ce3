#!/usr/bin/env python3
"""Deterministic benchmark corpus for bulletin (standard library only).

Writes, under OUT (default bench/corpus):
  batch/NNNN-<layout>-<year>.txt     N bulletins of 5-50 KB (log-uniform sizes)
  large.txt                    one bulletin of about --large-mb MB
  gb18030/batch/..., gb18030/large.txt   the same bytes re-encoded as GB18030
  series/<name>-<year>.txt     a few yearly editions for bulletin-diff
  MANIFEST                     the parameters, so bench/run can tell whether
                               an existing corpus is the one it asked for

Bulletins follow the LAYOUTS of samples/ (press conference with a bullet
metadata header and `name:` labels; 问/答 Q&A with a key：value header;
full-width/HTML press conference with 【label】; PDF-extracted statistical
communique with footers, form feeds and flattened tables; government work
report). Every number, name, outlet and heading is drawn from a seeded RNG, so
the same seed gives the same bytes on every machine, and no sample sentence is
copied.
"""

import argparse
import math
import os
import random
import sys

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "明刚静海燕建军晓梅涛立新志远国伟芳娜敏秀英华慧巧美丽强磊洋艳勇军杰娟涛超秀兰霞平刚桂英文辉力鹏云飞宇浩然博凯健俊帆晨欣怡佳琪子轩梓睿晗"
BUREAUS = [
    ("住建局", "城乡建设"), ("公安分局", "平安建设"), ("卫健局", "卫生健康"),
    ("教体局", "教育体育"), ("人社局", "就业社保"), ("民政局", "民政服务"),
    ("农业农村局", "乡村振兴"), ("生态环境分局", "生态环境"), ("商务局", "商贸流通"),
    ("文旅局", "文化旅游"), ("交通运输局", "交通运输"), ("市场监管局", "市场监管"),
    ("应急管理局", "安全生产"), ("医保局", "医疗保障"), ("城管局", "城市管理"),
]
POSTS = ["局长", "副局长", "主任", "副主任", "党组书记", "副区长"]
OUTLETS = ["日报", "晚报", "电视台", "广播电台", "发布", "融媒体中心", "新闻网"]
PLACES = ["海川", "青屿", "东港", "西岭", "南湖", "北川", "临江", "白石", "云台", "金沙"]
COUNTIES = ["青屿区", "东港区", "西岭县", "南湖新区", "临江经开区", "白石高新区", "云台县"]

# (subject, unit, low, high, decimals, chinese_ok). Units are the measure
# words real bulletins attach; ranges keep values plausible for 万/亿 scaling.
ITEMS = [
    ("安排城建重点项目", "项", 8, 60, 0, True), ("新建改造城市道路", "条", 3, 40, 0, True),
    ("完成投资", "亿元", 1, 300, 1, False), ("新增城市绿地", "万平方米", 5, 80, 1, False),
    ("改造老旧小区", "个", 10, 90, 0, True), ("涉及居民", "万户", 0.3, 5, 2, False),
    ("建筑面积", "万平方米", 20, 300, 0, False), ("项目总投资", "万元", 500, 20000, 0, True),
    ("破获刑事案件", "起", 100, 2000, 0, False), ("抓获犯罪嫌疑人", "人", 50, 900, 0, False),
    ("止付冻结涉案资金", "亿元", 0.2, 9, 2, False), ("查处酒驾醉驾违法行为", "起", 200, 3000, 0, False),
    ("接处警", "万起", 2, 40, 1, False), ("诊疗量", "万人次", 10, 200, 1, False),
    ("家庭医生签约服务", "万人", 1, 30, 1, False), ("接种流感疫苗", "万剂次", 1, 50, 1, False),
    ("新增学位", "个", 300, 9000, 0, True), ("招聘教师", "名", 50, 600, 0, True),
    ("城镇新增就业", "人", 2000, 15000, 0, True), ("发放创业担保贷款", "亿元", 0.5, 8, 2, False),
    ("新增养老床位", "张", 100, 900, 0, True), ("发放低保金", "万元", 300, 6000, 0, True),
    ("实施临时救助", "人次", 200, 3000, 0, False), ("粮食总产量", "万吨", 1, 60, 2, False),
    ("蔬菜产量", "万吨", 5, 90, 1, False), ("地区生产总值", "亿元", 80, 3000, 2, False),
    ("社会消费品零售总额", "亿元", 30, 900, 1, False), ("实际使用外资", "亿美元", 0.5, 9, 2, False),
    ("接待游客", "万人次", 50, 3000, 1, False), ("旅游总收入", "亿元", 5, 300, 1, False),
    ("新建村级公厕", "座", 5, 60, 0, True), ("改造农村供水管网", "公里", 10, 200, 0, True),
    ("新增市场主体", "万户", 0.2, 3, 2, False), ("新增公共停车泊位", "个", 500, 8000, 0, True),
    ("开展反诈宣传活动", "场", 50, 600, 0, True), ("发放宣传资料", "万份", 1, 40, 0, False),
    ("受理医疗纠纷", "件", 20, 200, 0, False), ("民生支出", "亿元", 5, 120, 1, False),
]
RATES = ["绿化覆盖率", "群众满意率", "签约率", "参保率", "化解率", "规范管理率", "城镇化率",
         "覆盖率", "合格率", "优良天数比例"]
VERBS = ["达到", "达", "为", "", "保持在"]
PREFIX = ["", "", "全年", "今年以来", "累计", "共", "全区", "截至11月底已", "目前"]
QUAL_BEFORE = ["", "", "", "约", "近", "超", "逾", "超过"]
QUAL_AFTER = ["", "", "", "余", "多"]
TAIL = ["", "", "以上", "左右"]
BASES = ["比上年", "同比", "较上年", "比上年末"]
HEAD_WORDS = ["提速增效", "惠及万家", "持续改善", "稳步提升", "扎实推进", "提质扩面", "守牢底线",
              "全面加强", "成效明显", "再上台阶"]
TOPICS = ["城建重点项目", "老旧小区改造", "农村人居环境", "打击犯罪", "交通管理", "矛盾化解",
          "基层治理", "医疗服务", "公共卫生", "学位供给", "就业创业", "养老服务", "社会救助",
          "生态环境", "文化旅游", "营商环境", "安全生产", "对外开放"]
FILLER = [
    "坚持以人民为中心的发展思想，把民生实事作为检验工作成效的重要标准",
    "聚焦群众急难愁盼问题，持续补齐公共服务短板",
    "按照“一事一策”思路，统筹推进各项重点任务",
    "深化部门协同联动，形成工作合力",
    "下一步，我们将继续加大工作力度，确保各项任务按期完成",
    "群众获得感、幸福感、安全感进一步增强",
]
CN_DIGITS = "零一二三四五六七八九"


def cn_int(n):
    """Integer → Chinese numerals as bulletins write them (三千二百, 两千, 一万二千)."""
    if n == 0:
        return "零"
    if n >= 100000000:
        hi, lo = divmod(n, 100000000)
        return cn_int(hi) + "亿" + (("零" if lo < 10000000 else "") + cn_int(lo) if lo else "")
    if n >= 10000:
        hi, lo = divmod(n, 10000)
        return cn_int(hi) + "万" + (("零" if lo < 1000 else "") + cn_int(lo) if lo else "")
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        digit = "两" if d == 2 and value >= 1000 and not out else CN_DIGITS[d]
        if value == 10 and d == 1 and not out:
            digit = ""
        out += digit + name
    return out


class Writer:
    def __init__(self, rng, fullwidth=False):
        self.r = rng
        self.fullwidth = fullwidth

    def name(self):
        r = self.r
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def pct(self, lo=0.1, hi=30.0, digits=1):
        return f"{self.r.uniform(lo, hi):.{digits}f}"

    def amount(self, item):
        """A figure in one of the forms bulletins use, with its unit."""
        r = self.r
        _, unit, lo, hi, dec, chinese_ok = item
        v = r.uniform(lo, hi)
        form = r.random()
        if chinese_ok and form < 0.15:
            n = int(v)
            n = n - n % (10 ** max(0, len(str(n)) - 2))  # round figures read as words
            return cn_int(max(n, 1)) + r.choice(["", "", "余"]) + unit
        if dec == 0 and not unit.startswith(("万", "亿")) and v >= 10000 and form < 0.5:
            return f"{v / 10000:.2f}".rstrip("0").rstrip(".") + "万" + unit
        if unit == "万元" and v >= 10000 and form < 0.6:
            return f"{v / 10000:.2f}".rstrip("0").rstrip(".") + "亿元"
        text = f"{v:.{dec}f}" if dec else str(int(v))
        # One qualifier at most, in any of its three positions (约12个, 12余个, 12个以上).
        q = r.randrange(3)
        return ((r.choice(QUAL_BEFORE) if q == 0 else "") + text + (r.choice(QUAL_AFTER) if q == 1 else "")
                + unit + (r.choice(TAIL) if q == 2 else ""))

    def change(self):
        r = self.r
        kind = r.random()
        if kind < 0.6:
            return f"{r.choice(BASES)}{r.choice(['增长', '增长', '下降', '提高'])}{self.pct()}%"
        if kind < 0.85:
            return f"{r.choice(BASES)}{r.choice(['提高', '下降'])}{self.pct(0.1, 6)}个百分点"
        return f"居全市第{r.choice('一二三四五')}"

    def clause(self):
        r = self.r
        item = r.choice(ITEMS)
        verb = r.choice(["", "", "实现"]) if item[1].endswith("元") and "投资" not in item[0] else ""
        s = f"{r.choice(PREFIX)}{item[0]}{verb}{self.amount(item)}"
        if r.random() < 0.35:
            s += "，" + self.change()
        return s

    def sum_sentence(self):
        r = self.r
        parts = [r.randint(100, 5000) for _ in range(r.randint(2, 4))]
        total = sum(parts)
        if r.random() < 0.15:
            total += r.choice([-30, 20, 50])  # a deliberate mismatch for the checker
        names = r.sample(["上级补助资金", "区级财政配套", "社会出资", "企业自筹", "专项债券资金", "银行贷款"], len(parts))
        body = "，".join(f"{n}{p}万元" for n, p in zip(names, parts))
        return f"项目总投资{total}万元，其中{body}"

    def rate_sentence(self):
        r = self.r
        whole = r.randint(200, 20000)
        part = r.randint(int(whole * 0.85), whole)
        shown = part / whole * 100 + (r.choice([0, 0, 0, 0.4]))
        rate = r.choice(RATES)
        stem = rate[:-1] if rate.endswith("率") else "达标"
        if r.random() < 0.2:
            return f"全年排查{whole}件，{stem}{part}件，{rate}百分之{cn_int(int(shown))}"
        return f"全年排查{whole}件，{stem}{part}件，{rate}{shown:.1f}%"

    def sentence(self):
        r = self.r
        k = r.random()
        if k < 0.1:
            return self.sum_sentence()
        if k < 0.18:
            return self.rate_sentence()
        if k < 0.28:
            return f"{r.choice(RATES)}{r.choice(VERBS)}{self.pct(60, 99.9)}%，{self.change()}"
        if k < 0.36:
            return r.choice(FILLER)
        return "；".join(self.clause() for _ in range(r.randint(1, 3)))

    def paragraph(self, n=None):
        return "。".join(self.sentence() for _ in range(n or self.r.randint(2, 5))) + "。"

    def heading(self, level, i):
        r = self.r
        topic = r.choice(TOPICS) + r.choice(HEAD_WORDS)
        if level == 1:
            return f"{cn_int(i)}、{topic}"
        if level == 2:
            return f"({cn_int(i)}){topic}。"
        if level == 3:
            return f"{i}{r.choice(['.', '、'])}"
        return f"({i})"

    def body(self, budget):
        """Numbered sections with paragraphs until `budget` characters."""
        r = self.r
        out, size, i = [], 0, 1
        while size < budget:
            lines = [self.heading(1, i), ""]
            style = r.random()
            for j in range(1, r.randint(2, 4)):
                if style < 0.5:
                    lines += [self.heading(2, j) + self.paragraph(), ""]
                elif style < 0.8:
                    lines += [self.heading(3, j) + self.paragraph(), ""]
                else:
                    parts = [f"{'一二三四'[k]}是{self.paragraph(1)[:-1]}" for k in range(r.randint(2, 4))]
                    lines += ["；".join(parts) + "。", ""]
            block = "\n".join(lines)
            out.append(block)
            size += len(block)
            i += 1
            if i > 9:
                i = 1
        return "\n".join(out)


def metadata_bullets(w, county, title, date):
    r = w.r
    return (
        f"{date} {r.randint(8, 17):02d}:00:00 星期{r.choice('一二三四五')}\n关怀版\n"
        f"  • 索引号11371102MB{r.randint(1000000, 9999999)}X/{date[:4]}-{r.randint(1, 9999):05d}\n"
        f"  • 公开方式主动公开\n  • 发布机构{r.choice(PLACES)}市{county}人民政府办公室\n"
        f"  • 内容分类新闻发布会\n  • 成文日期{date}\n  • 有效性/截止日期有效\n\n{title}\n\nvideo\nvideo\n\n\n"
    )


def press_conference(w, budget, year, html=False):
    """The real bulletin's layout: host introduces officials, each reports, then Q&A."""
    r = w.r
    county = r.choice(COUNTIES)
    n = r.randint(2, 4)
    officials = []
    for b in r.sample(BUREAUS, n):
        officials.append((w.name(), b[0], r.choice(POSTS), b[1]))
    areas = "、".join(o[3] for o in officials)
    title = f"{county}{year}年民生实事新闻发布会({areas})"
    date = f"{year}-12-{r.randint(10, 28):02d}"
    intro = "、".join(f"区{o[1]}{o[2]}{o[0]}同志" for o in officials)

    def label(name):
        if html:
            return f"【{name}】\n"
        return r.choice([f"{name}:\n\n", f"{name}:", f"　　{name}:"])

    head = (f"<p>{title}\n<p>发布时间：{year}年12月{r.randint(10, 28)}日　来源：{county}新闻办公室\n&nbsp;\n"
            if html else metadata_bullets(w, county, title, date))
    parts = [head, label("主持人"),
             f"各位记者朋友:\n\n大家好!欢迎参加{county}{year}年民生实事新闻发布会。今天我们邀请到{intro},"
             f"分别通报今年{areas}等方面的工作情况,并回答记者提问。首先请{officials[0][0][0]}{officials[0][2][-2:]}介绍。\n\n"]
    per = max(1500, budget // (n + 1))
    for k, (name, bureau, post, _) in enumerate(officials):
        if k:
            parts.append(label("主持人") + f"下面,请{bureau}{name[0]}{post[-2:]}介绍情况。\n\n")
        parts.append(label(name) + "\n" + w.body(per) + "\n\n")
    parts.append(label("主持人") + "\n感谢各位领导的介绍。下面进入提问环节。\n\n")
    size = sum(len(p) for p in parts)
    while size < budget:
        name, bureau, post, _ = r.choice(officials)
        outlet = r.choice(PLACES) + r.choice(OUTLETS)
        colon = r.choice([":", ":", ""])
        q = f"{outlet}记者提问{colon}请问{name[0]}{post[-2:]},{r.choice(TOPICS)}方面下一步有哪些打算?\n\n"
        a = label(name) + "谢谢你的提问。" + w.paragraph(r.randint(3, 8)) + "\n\n"
        parts += [q, a]
        size += len(q) + len(a)
    parts.append(label("主持人") + "感谢各位领导和媒体朋友,本次新闻发布会到此结束,谢谢大家!\n")
    text = "".join(parts)
    if html:
        text = to_fullwidth(text.replace("“", "&ldquo;").replace("”", "&rdquo;"), r)
    return text


def to_fullwidth(text, r):
    """Full-width punctuation and some full-width digits, as web pages carry them."""
    table = str.maketrans({":": "：", ",": "，", "!": "！", "?": "？", "(": "（", ")": "）", "%": "％"})
    text = text.translate(table)
    digits = str.maketrans("0123456789", "０１２３４５６７８９")
    out = []
    for line in text.split("\n"):
        out.append(line.translate(digits) if r.random() < 0.1 else line)
    return "\n".join(out)


def qa(w, budget, year):
    """问/答 pairs under a key：value header, CRLF line ends."""
    r = w.r
    county = r.choice(COUNTIES)
    bureau = r.choice(BUREAUS)
    title = f"{county}{bureau[0]}就{year}年{bureau[1]}工作答记者问"
    parts = [f"标题：{title}\n发布机构：{r.choice(PLACES)}市{county}{bureau[0]}\n"
             f"发布日期：{year}年{r.randint(1, 12)}月{r.randint(1, 28)}日\n来源：{county}人民政府网\n"
             f"浏览次数：{r.randint(100, 9999)}\n\n{title}\n\n"
             f"　　{r.randint(1, 12)}月{r.randint(1, 28)}日上午，{county}{bureau[0]}召开新闻通气会，"
             f"局长{w.name()}就有关工作回答了记者提问。\n\n"]
    size = len(parts[0])
    while size < budget:
        q = f"{r.choice(['问', '问', '记者'])}：请介绍一下今年以来{r.choice(TOPICS)}情况。\n"
        lines = [f"答：{w.paragraph(2)}"]
        for k in range(r.randint(1, 4)):
            lines.append(f"　　（{cn_int(k + 1)}）{r.choice(TOPICS)}{r.choice(HEAD_WORDS)}。{w.paragraph()}")
        a = "\n".join(lines) + "\n\n"
        parts += [q, a]
        size += len(q) + len(a)
    text = "".join(parts).replace(",", "，").replace(":", "：")
    return text.replace("\n", "\r\n")


def communique(w, budget, year):
    """Statistical communique as PDF text: broken lines, footers, flattened tables."""
    r = w.r
    county = r.choice(COUNTIES)
    parts = [f"{r.choice(PLACES)}市{county}{year}年国民经济和社会发展\n统计公报\n{r.choice(PLACES)}市{county}统计局\n"
             f"{year + 1}年3月{r.randint(1, 28)}日\n"]
    size, page, sec = len(parts[0]), 1, 1
    while size < budget:
        lines = [f"{cn_int(sec)}、{r.choice(TOPICS)}"]
        for _ in range(r.randint(2, 5)):
            para = "　　" + w.paragraph(r.randint(2, 4))
            if r.random() < 0.4 and len(para) > 40:
                cut = r.randint(20, len(para) - 10)  # PDF line break, possibly inside a number
                para = para[:cut] + "\n" + para[cut:]
            lines.append(para)
        if r.random() < 0.4:
            lines.append(f"表{sec}　{year}年主要产品产量及其增长速度\n产品名称\n产量（万吨）\n比上年增长（%）")
            for _ in range(r.randint(3, 6)):
                lines.append(f"{r.choice(['粮食', '蔬菜', '水果', '水产品', '肉类', '禽蛋'])}\n"
                             f"{r.uniform(1, 90):.2f}\n{r.uniform(-5, 12):.1f}")
        lines.append(f"— {page} —\n\f")
        block = "\n".join(lines) + "\n"
        parts.append(block)
        size += len(block)
        page += 1
        sec += 1
    return "".join(parts).replace(",", "，").replace(";", "；")


def work_report(w, budget, year):
    r = w.r
    county = r.choice(COUNTIES)
    head = (f"政府工作报告（摘要）\n——{year}年1月{r.randint(5, 20)}日在{r.choice(PLACES)}市{county}"
            f"第{cn_int(r.randint(2, 5))}届人民代表大会第{cn_int(r.randint(1, 3))}次会议上\n"
            f"{county}区长　{w.name()}\n\n各位代表：\n")
    body = w.body(budget - len(head)).replace("\n\n", "\n")
    body = "\n".join(("　　" + ln if ln and not ln[0] in "一二三四五六七八九" else ln) for ln in body.split("\n"))
    return (head + body).replace(",", "，").replace("(", "（").replace(")", "）")


LAYOUTS = [("press", press_conference, 0.45), ("html", None, 0.15), ("qa", qa, 0.15),
           ("communique", communique, 0.15), ("report", work_report, 0.10)]


def make(w, layout, chars, year):
    if layout == "html":
        return press_conference(w, chars, year, html=True)
    return dict((n, f) for n, f, _ in LAYOUTS)[layout](w, chars, year)


def pick_layout(r):
    x, acc = r.random(), 0.0
    for name, _, p in LAYOUTS:
        acc += p
        if x < acc:
            return name
    return LAYOUTS[-1][0]


def write(path, text, gb_path):
    data = text.encode("utf-8")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.makedirs(os.path.dirname(gb_path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    with open(gb_path, "wb") as f:
        f.write(text.encode("gb18030"))
    return len(data)


def large(w, target_bytes, path, gb_path):
    """One long press conference written in chunks, so memory stays small."""
    r = w.r
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.makedirs(os.path.dirname(gb_path), exist_ok=True)
    written = 0
    with open(path, "wb") as f, open(gb_path, "wb") as g:
        def put(text):
            nonlocal written
            f.write(text.encode("utf-8"))
            g.write(text.encode("gb18030"))
            written += len(text.encode("utf-8"))
        head = press_conference(w, 20000, 2023)
        put(head[: head.rfind("主持人")])
        officials = [w.name() for _ in range(12)]
        while written < target_bytes:
            name = r.choice(officials)
            if r.random() < 0.3:
                put(f"{r.choice(PLACES)}{r.choice(OUTLETS)}记者提问:请问{name[0]}局长,{r.choice(TOPICS)}有哪些打算?\n\n")
            put(f"{name}:\n\n{w.body(r.randint(3000, 12000))}\n\n")
        put("主持人:本次新闻发布会到此结束,谢谢大家!\n")
    return written


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(here, "corpus"))
    p.add_argument("--seed", type=int, default=20231221)
    p.add_argument("--files", type=int, default=2000)
    p.add_argument("--min-kb", type=float, default=5.0)
    p.add_argument("--max-kb", type=float, default=50.0)
    p.add_argument("--large-mb", type=float, default=200.0)
    a = p.parse_args()

    rng = random.Random(a.seed)
    w = Writer(rng)
    total = 0
    for i in range(a.files):
        kb = math.exp(rng.uniform(math.log(a.min_kb), math.log(a.max_kb)))
        target = int(kb * 1024)
        layout = pick_layout(rng)
        year = rng.choice([2021, 2022, 2023])
        # Sized in characters (~3 UTF-8 bytes each); trimmed at a line end below.
        text = make(w, layout, target // 3, year)
        data = text.encode("utf-8")
        if len(data) > target:
            cut = data.rfind(b"\n", 0, target)
            text = data[: cut + 1 if cut > target // 2 else target].decode("utf-8", "ignore")
        name = f"{i:04d}-{layout}-{year}.txt"  # the year lets bench/run pick editions for diff
        total += write(os.path.join(a.out, "batch", name), text,
                       os.path.join(a.out, "gb18030", "batch", name))
    for year in (2021, 2022, 2023):
        sw = Writer(random.Random(a.seed + 1))  # same officials and items each year
        sw.r.seed(a.seed + year)
        text = press_conference(sw, 4000, year)
        write(os.path.join(a.out, "series", f"minsheng-{year}.txt"), text,
              os.path.join(a.out, "gb18030", "series", f"minsheng-{year}.txt"))
    big = large(Writer(random.Random(a.seed + 7)), int(a.large_mb * 1024 * 1024),
                os.path.join(a.out, "large.txt"), os.path.join(a.out, "gb18030", "large.txt"))
    with open(os.path.join(a.out, "MANIFEST"), "w") as f:
        f.write(f"seed={a.seed} files={a.files} min_kb={a.min_kb} max_kb={a.max_kb} large_mb={a.large_mb}\n")
    print(f"{a.files} files, {total / 1e6:.1f} MB; large.txt {big / 1e6:.1f} MB; in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
