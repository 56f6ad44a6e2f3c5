"""The demo store's product catalogue: SKUs with names, prices, barcodes and shelf places."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from biip.checksums import gs1_standard_check_digit

from sync.protocol import ShelfLocation

VARIABLE_MEASURE_PREFIX: Final = "28"
"""GS1 restricted-circulation prefix our scale labels use: item code then weight in grams."""


def ean13_check_digit(body: str) -> str:
    """The EAN-13 (GS1 mod-10) check digit of the first 12 digits `body`.

    Raises ValueError unless `body` is exactly 12 decimal digits.
    """
    if len(body) != 12 or not body.isdigit():
        raise ValueError(f"an EAN-13 body is 12 digits, got {body!r}")
    return str(gs1_standard_check_digit(body))  # the same GS1 rule the device checks with


def is_valid_ean13(code: str) -> bool:
    """Whether `code` is 13 digits ending in the right check digit."""
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == code[12]


def variable_measure_barcode(item_code: str, weight_g: int) -> str:
    """The scale label for `weight_g` grams of item `item_code`: 28 IIIII WWWWW C.

    Raises ValueError for an item code that is not 5 digits or a weight outside 0..99999 g.
    """
    if len(item_code) != 5 or not item_code.isdigit():
        raise ValueError(f"a scale item code is 5 digits, got {item_code!r}")
    if not 0 <= weight_g <= 99_999:
        raise ValueError(f"weight {weight_g} g does not fit the 5-digit field")
    body = f"{VARIABLE_MEASURE_PREFIX}{item_code}{weight_g:05d}"
    return body + ean13_check_digit(body)


def read_variable_measure(code: str) -> tuple[str, int] | None:
    """(item code, weight in grams) of a valid scale label, or None for any other code."""
    if not is_valid_ean13(code) or not code.startswith(VARIABLE_MEASURE_PREFIX):
        return None
    return code[2:7], int(code[7:12])


@dataclass(frozen=True, slots=True)
class Product:
    """One SKU as the store sells it. For weighed goods the unit is a nominal portion."""

    sku: str
    name: str
    name_en: str
    category: str
    price_cents: int
    """Price of one unit; for weighed goods, of one `portion_g` portion."""
    barcode: str
    location: ShelfLocation
    price_per_kg_cents: int | None = None
    portion_g: int | None = None
    scale_item_code: str | None = None
    """The 5-digit item code inside the scale label of a weighed product."""

    @property
    def weighed(self) -> bool:
        """Whether the product is sold by weight."""
        return self.price_per_kg_cents is not None


class Catalogue:
    """An immutable set of products, looked up by SKU or barcode."""

    def __init__(self, products: Iterable[Product]) -> None:
        self.products: tuple[Product, ...] = tuple(products)
        self._by_sku: Mapping[str, Product] = MappingProxyType({p.sku: p for p in self.products})
        if len(self._by_sku) != len(self.products):
            raise ValueError("duplicate SKU in catalogue")

    def __len__(self) -> int:
        return len(self.products)

    def find(self, sku: str) -> Product | None:
        """The product with this SKU, or None."""
        return self._by_sku.get(sku)


# One product a line: sku | Chinese name | English name | price (cents) | zone-aisle-shelf-position.
# A [category company] header starts each category; the GS1 company number makes its barcodes.
_PACKAGED: Final = """
[drinks 21168]
DR001 | 农夫山泉 550ml | Nongfu Spring water 550ml | 200 | A-1-1-1
DR002 | 可口可乐 330ml罐装 | Coca-Cola can 330ml | 350 | A-1-1-2
DR003 | 雪碧 500ml | Sprite 500ml | 350 | A-1-1-3
DR004 | 元气森林 白桃苏打气泡水 | Genki Forest white peach soda | 550 | A-1-2-1
DR005 | 东方树叶 茉莉花茶 500ml | Oriental Leaf jasmine tea 500ml | 600 | A-1-2-2
DR006 | 康师傅冰红茶 500ml | Master Kong iced black tea 500ml | 350 | A-1-2-3
DR007 | 红牛 维生素功能饮料 250ml | Red Bull energy drink 250ml | 650 | A-1-3-1
DR008 | 青岛啤酒 经典 500ml | Tsingtao beer classic 500ml | 650 | A-2-1-1
DR009 | 椰树椰汁 245ml | Coconut Palm coconut juice 245ml | 450 | A-2-1-2
DR010 | 王老吉凉茶 310ml | Wong Lo Kat herbal tea 310ml | 400 | A-2-1-3
[dairy 38201]
DA001 | 蒙牛纯牛奶 250ml | Mengniu whole milk 250ml | 350 | B-1-1-1
DA002 | 光明鲜牛奶 950ml | Bright fresh milk 950ml | 1680 | B-1-1-2
DA003 | 伊利安慕希 原味酸奶 200g | Yili Ambrosial yoghurt 200g | 550 | B-1-2-1
DA004 | 简爱 原味裸酸奶 135g | Simplelove plain yoghurt 135g | 790 | B-1-2-2
DA005 | 养乐多 乳酸菌饮品 5瓶 | Yakult probiotic drink 5-pack | 1150 | B-1-3-1
DA006 | 安佳 黄油 227g | Anchor butter 227g | 2890 | B-2-1-1
DA007 | 妙可蓝多 奶酪棒 10支 | Milkground cheese sticks x10 | 2990 | B-2-1-2
[snacks 47512]
SN001 | 乐事薯片 原味 70g | Lay's crisps classic 70g | 790 | C-1-1-1
SN002 | 奥利奥 原味夹心饼干 97g | Oreo sandwich biscuits 97g | 650 | C-1-1-2
SN003 | 旺旺雪饼 84g | Want Want rice crackers 84g | 590 | C-1-2-1
SN004 | 卫龙 大面筋 102g | Weilong spicy gluten strips 102g | 550 | C-1-2-2
SN005 | 三只松鼠 每日坚果 25g | Three Squirrels daily nuts 25g | 490 | C-1-3-1
SN006 | 德芙 丝滑牛奶巧克力 43g | Dove silky milk chocolate 43g | 850 | C-2-1-1
SN007 | 良品铺子 猪肉脯 100g | Bestore pork jerky 100g | 1990 | C-2-1-2
SN008 | 好丽友 派 6枚 | Orion choco pie x6 | 1290 | C-2-2-1
SN009 | 绿箭 薄荷口香糖 | Doublemint chewing gum | 350 | C-2-3-1
[grocery 52730]
GR001 | 康师傅 红烧牛肉面 桶装 | Master Kong braised beef noodles cup | 550 | D-1-1-1
GR002 | 老干妈 风味豆豉 280g | Lao Gan Ma chilli crisp 280g | 1150 | D-1-1-2
GR003 | 海天 生抽 500ml | Haitian light soy sauce 500ml | 990 | D-1-2-1
GR004 | 金龙鱼 东北大米 5kg | Arawana northeast rice 5kg | 4990 | D-1-3-1
GR005 | 鲁花 花生油 900ml | Luhua peanut oil 900ml | 3590 | D-1-3-2
GR006 | 思念 三鲜水饺 500g | Synear three-delicacy dumplings 500g | 1890 | E-1-1-1
GR007 | 湾仔码头 荠菜猪肉云吞 | Wanchai Ferry pork wontons | 2590 | E-1-1-2
GR008 | 维达 抽纸 3包 | Vinda facial tissues 3-pack | 1590 | D-2-1-1
[fruit 63105]
FR001 | 阳光玫瑰青提 500g盒装 | Shine Muscat grapes 500g box | 3990 | F-1-1-1
FR002 | 丹东草莓 300g盒装 | Dandong strawberries 300g box | 3590 | F-1-1-2
FR003 | 佳沛 金奇异果 4个装 | Zespri SunGold kiwifruit x4 | 2990 | F-1-2-1
FR004 | 进口牛油果 2个装 | Imported avocados x2 | 1990 | F-1-2-2
FR005 | 鲜切菠萝 盒装 | Fresh-cut pineapple tub | 1290 | F-1-3-1
[vegetables 63106]
VG001 | 上海青 300g | Shanghai bok choy 300g | 490 | F-2-1-1
VG002 | 有机生菜 250g | Organic lettuce 250g | 690 | F-2-1-2
VG003 | 香菜 100g | Coriander 100g | 290 | F-2-2-1
VG004 | 蟹味菇 150g | Shimeji mushrooms 150g | 590 | F-2-2-2
VG005 | 北豆腐 400g | Firm tofu 400g | 450 | F-2-3-1
[meat_eggs 71822]
MT001 | 德青源 鲜鸡蛋 10枚 | Deqingyuan fresh eggs x10 | 1690 | G-1-1-1
MT002 | 鲜鸡翅中 500g | Fresh chicken mid-wings 500g | 3290 | G-1-2-1
MT003 | 安井 鱼丸 240g | Anjoy fish balls 240g | 1290 | G-1-2-2
MT004 | 双汇 王中王火腿肠 10支 | Shuanghui premium ham sausages x10 | 1590 | G-1-3-1
[bakery 80417]
BK001 | 桃李 醇熟切片面包 400g | Toly sliced bread 400g | 990 | H-1-1-1
BK002 | 法式可颂 2个装 | French croissants x2 | 1290 | H-1-1-2
BK003 | 肉松小贝 4枚 | Pork floss cakes x4 | 1590 | H-1-2-1
BK004 | 全麦吐司 | Wholemeal toast loaf | 1190 | H-1-2-2
BK005 | 提拉米苏 小方 | Tiramisu square | 1890 | H-1-3-1
[hot_food 90063]
HF001 | 关东煮 萝卜+魔芋+鱼豆腐 | Oden: radish, konjac, fish tofu | 1200 | K-1-1-1
HF002 | 台式烤肠 | Taiwanese grilled sausage | 500 | K-1-1-2
HF003 | 鲜肉大包 | Steamed pork bun | 350 | K-1-2-1
HF004 | 茶叶蛋 | Tea egg | 250 | K-1-2-2
HF005 | 宫保鸡丁便当 | Kung pao chicken bento | 2290 | K-2-1-1
HF006 | 金枪鱼饭团 | Tuna onigiri | 750 | K-2-1-2
HF007 | 麻辣烫 (中辣) | Malatang, medium spicy | 2500 | K-2-2-1
HF008 | 现磨拿铁 中杯 | Fresh latte, medium | 1500 | K-3-1-1
HF009 | 现磨美式 大杯 | Fresh Americano, large | 1200 | K-3-1-2
"""

# Weighed goods: sku | Chinese | English | category | price per kg (cents) | portion (g) |
# scale item code | zone-aisle-shelf-position.
_WEIGHED: Final = """
FW001 | 红富士苹果 | Fuji apples | fruit | 1398 | 500 | 10001 | F-3-1-1
FW002 | 香蕉 | Bananas | fruit | 798 | 600 | 10002 | F-3-1-2
FW003 | 砂糖橘 | Shatang mandarins | fruit | 1198 | 500 | 10003 | F-3-2-1
FW004 | 麒麟西瓜 | Kirin watermelon | fruit | 398 | 2500 | 10004 | F-3-3-1
VW001 | 西红柿 | Tomatoes | vegetables | 698 | 500 | 20001 | F-4-1-1
VW002 | 黄瓜 | Cucumbers | vegetables | 598 | 400 | 20002 | F-4-1-2
VW003 | 土豆 | Potatoes | vegetables | 398 | 1000 | 20003 | F-4-2-1
MW001 | 猪里脊肉 | Pork tenderloin | meat_eggs | 4598 | 300 | 30001 | G-2-1-1
"""


def _shelf(text: str) -> ShelfLocation:
    zone, aisle, shelf, position = text.split("-")
    return ShelfLocation(zone=zone, aisle=int(aisle), shelf=int(shelf), position=int(position))


def _fields(line: str) -> list[str]:
    return [field.strip() for field in line.split("|")]


def _packaged_products() -> list[Product]:
    products: list[Product] = []
    category, company, item = "", 0, 0
    for line in filter(None, map(str.strip, _PACKAGED.splitlines())):
        if line.startswith("["):
            category, company_text = line.strip("[]").split()
            company, item = int(company_text), 0
            continue
        sku, name, name_en, price, place = _fields(line)
        item += 1
        body = f"69{company:05d}{item:05d}"
        products.append(
            Product(
                sku=sku,
                name=name,
                name_en=name_en,
                category=category,
                price_cents=int(price),
                barcode=body + ean13_check_digit(body),
                location=_shelf(place),
            )
        )
    return products


def _weighed_products() -> list[Product]:
    products: list[Product] = []
    for line in filter(None, map(str.strip, _WEIGHED.splitlines())):
        sku, name, name_en, category, per_kg, portion, item_code, place = _fields(line)
        grams = int(portion)
        products.append(
            Product(
                sku=sku,
                name=f"{name} 约{grams}g",
                name_en=f"{name_en}, about {grams} g",
                category=category,
                price_cents=round(int(per_kg) * grams / 1000),
                barcode=variable_measure_barcode(item_code, grams),
                location=_shelf(place),
                price_per_kg_cents=int(per_kg),
                portion_g=grams,
                scale_item_code=item_code,
            )
        )
    return products


CATALOGUE: Final = Catalogue(_packaged_products() + _weighed_products())
"""The demo store's products; immutable, so sharing one instance is safe."""
