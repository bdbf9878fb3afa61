package synth

import (
	"math/rand/v2"
	"strings"
)

// Name pools. Real developer brands are avoided on purpose.
var (
	urbanStems = strings.Fields(`锦绣 阳光 翠湖 金桂 东方 世纪 幸福 和平 朝阳 丽景 书香 紫荆 桂花 文昌 凤凰
		明珠 金色 盛世 银河 御景 枫林 香樟 华府 滨湖 天成 星光 嘉禾 怡和 康乐 瑞祥 福星 翡翠 蓝湾 秀水
		锦江 中央 绿洲 春晖 新华 建设 人民 解放 红星 东湖 西苑 南山 北辰 青年 学府 百合 玉兰 丹桂 云山
		江南 水岸 君悦 泰和 长安 安居 康居 惠民 民主 胜利 光明 友谊 团结 工农 清风 柳岸 望江 荷塘 梧桐
		金港 宏图 旭日 景福 福苑 龙城 凤鸣 鹤鸣 碧水 晨光 丰泽 永安 太和 状元 桃源 新城 城南 城北`)
	urbanSuffixes = strings.Fields(`小区 花园 新村 家园 苑 华庭 公馆 名邸 雅居 小区 花园 家园`)
	unitStems     = strings.Fields(`纺织厂 机械厂 粮食局 供销社 电力局 邮电局 航运公司 化肥厂 棉麻公司 农机厂`)
	unitSuffixes  = strings.Fields(`宿舍 小区 家属院 生活区`)
	townSuffixes  = strings.Fields(`社区 新街 老街 居委会 新村 花园 街社区 集镇社区`)
	surnames      = []rune(`李王张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文`)
	placeChars    = []rune(`湾岗冲畈坳桥塘铺店集庄寨坪河山岭垸台咀墩港堤湖林`)
	villageStems  = strings.Fields(`青龙 白马 黄土 石门 桃园 杨柳 长堤 双河 三合 五里 七星 新农 红光 联合 团结 先锋 永丰
		丰收 建新 光荣 金星 向阳 红旗 东风 胜利 和平 友爱 新民 大兴 复兴 太平 长乐 清水 花园 柏树 枫树 松林 竹林 荷花`)
	townStems = strings.Fields(`北山 河口 石桥 杨林 白沙 长岭 新店 龙泉 三合 太平 青山 黄湾 柳河 马坪 张集 刘店
		高桥 洪山 沙湖 金盆 双桥 横山 东湖 西河 南岗 板桥 牛山 凤凰 鹿鸣 古城 仙女 赤岸 桂花 梅林`)
	countyStems = strings.Fields(`安远 永宁 清河 德安 长乐 宁川 泰和 广济 崇阳 通山 嘉鱼 应城 云梦 孝昌 大悟 红安
		罗田 英山 浠水 蕲春 黄梅 武穴 阳新 大冶 通城 赤壁 监利 石首 公安 松滋 枝江 当阳 远安 兴山`)
	classicPrimary = strings.Fields(`育才 红旗 光明 解放路 人民路 建设路 文昌 向阳 朝阳 胜利 和平 新华 实验二 东风 民主路`)
	chineseNumbers = strings.Fields(`一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十`)
)

// sampleTowns are the rural townships of the first county, so the sample
// reads like a real county.
var sampleTowns = strings.Fields(`北山乡 河口镇 石桥镇 杨林乡 白沙镇 长岭乡 新店镇 龙泉镇 三合乡 太平镇 青山乡 黄湾镇`)

// Urban townships (街道 and the county-seat town) by sector.
const (
	townCentre = "城关镇"
	townEast   = "东城街道"
	townWest   = "西城街道"
	townSouth  = "南湖街道"
	townNorth  = "北城街道"
)

func ordinal(n int) string {
	if n >= 1 && n <= len(chineseNumbers) {
		return chineseNumbers[n-1]
	}
	return itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// stem strips the administrative suffix: 东城街道 → 东城, 北山乡 → 北山.
func stem(township string) string {
	for _, s := range []string{"街道", "镇", "乡", "村"} {
		if t, ok := strings.CutSuffix(township, s); ok && t != "" {
			return t
		}
	}
	return township
}

// namer hands out unique names within one scope (a county).
type namer struct {
	used map[string]bool
}

func newNamer() *namer { return &namer{used: map[string]bool{}} }

// take returns the first unused candidate from gen, falling back to a
// numbered variant (二期, 三期 …) of the last candidate.
func (n *namer) take(tries int, gen func() string) string {
	return n.takeOr(tries, gen, func(last string, i int) string { return last + ordinal(i) + "期" })
}

// takeOr is take with a caller's numbered variant (e.g. 第二分校).
func (n *namer) takeOr(tries int, gen func() string, variant func(last string, i int) string) string {
	var last string
	for range tries {
		last = gen()
		if !n.used[last] {
			n.used[last] = true
			return last
		}
	}
	for i := 2; ; i++ {
		c := variant(last, i)
		if !n.used[c] {
			n.used[c] = true
			return c
		}
	}
}

// reserve marks a fixed name as used; it returns false if it already was.
func (n *namer) reserve(name string) bool {
	if n.used[name] {
		return false
	}
	n.used[name] = true
	return true
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func urbanName(r *rand.Rand) string {
	if r.IntN(12) == 0 {
		return pick(r, unitStems) + pick(r, unitSuffixes)
	}
	return pick(r, urbanStems) + pick(r, urbanSuffixes)
}

func townZoneName(r *rand.Rand, townStem string) string {
	if r.IntN(3) == 0 {
		return townStem + pick(r, urbanStems) + pick(r, urbanSuffixes)
	}
	return townStem + pick(r, townSuffixes)
}

func villageName(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return pick(r, villageStems) + "村"
	}
	mid := "家"
	if r.IntN(3) == 0 {
		mid = ""
	}
	return string(pick(r, surnames)) + mid + string(pick(r, placeChars)) + "村"
}
