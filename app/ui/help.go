package ui

// Help menu: how to use the window (the README's "In the app") and where
// the standards' numbers come from, each a scrolling page in a dialog.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// helpMenu is the Help menu: usage, standards' sources, About.
func (w *mainWindow) helpMenu() *fyne.Menu {
	return fyne.NewMenu(lang.X("help.menu", "帮助"),
		fyne.NewMenuItem(lang.X("help.usage", "使用说明"), func() { w.showHelpPage(lang.X("help.usage", "使用说明"), helpUsageText()) }),
		fyne.NewMenuItem(lang.X("help.standards", "标准与依据"), func() {
			w.showHelpPage(lang.X("help.standards", "标准与依据"), helpStandardsText())
		}),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("help.about", "关于学区规划"), w.showAbout))
}

// showHelpPage shows markdown text in a dialog that fits a 1366×768 screen.
func (w *mainWindow) showHelpPage(title, markdown string) {
	text := widget.NewRichTextFromMarkdown(markdown)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, lang.X("help.close", "关闭"), container.NewVScroll(text), w.win)
	size := w.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), min(560, size.Height*0.85)))
	d.Show()
}

func helpUsageText() string {
	return lang.X("help.usage.text", `## 地图
- 拖动平移，滚轮或 Ctrl +/− 缩放；“⋯”菜单中有专题、学段和缩放。
- 专题：学区、人口密度、学位余缺或班额状况（绿 标准 · 黄 超标准 · 橙 大班额 · 红 超大班额）。
- 点击学校或小区查看详情；按住 Shift 拖动框选小区。

## 划片
勾选“划片”，在旁边选择学校（可输入校名搜索），在地图上拖过小区，即把它们划入该校学区；一笔为一次可撤销的修改（Ctrl+Z）。
重新划片只影响今后的新生（一年级、初中七年级），在校生留在原校。

## 年份
底部滑块：历史年份，之后十年为预测。所有面板随年份变化。

## 学校详情与全县概况
右侧：学位数、教室数（扩建）、分年级分年份表、在校生趋势；全县大班额占比（目标 5%）、超大班额、大校额、小规模、各预测年份学位缺口。

## 方案
“新建方案”复制当前规划，之后的修改只进入该方案：新建学校（在地图上点选位置）、撤并学校、扩建、重新划片（编辑 ▸ 重新划片：就近或按学位容量）。“方案对比”并列显示各方案。

## 文件
导出学区划分图 PDF、划片公示名单 PDF、大班额台账 xlsx、地图 PNG。编辑 ▸ 标准与设置 可修改每一项标准。视图 ▸ 界面语言 立即切换中文/英文。`)
}

func helpStandardsText() string {
	return lang.X("help.standards.text", `以下为默认值，每个项目可在 编辑 ▸ 标准与设置 中修改，并保存在项目文件中。

| 规则 | 默认值 | 依据 |
|---|---|---|
| 标准班额 | 小学 45 人，初中 50 人 | 《城市普通中小学校校舍建设标准》（建标102）；《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号） |
| 大班额 / 超大班额 | 56–65 人 / 66 人及以上 | 《国务院关于统筹推进县域内城乡义务教育一体化改革发展的若干意见》（国发〔2016〕40号） |
| 大班额占比目标 | 低于 5% | 教育部消除义务教育大班额专项规划（2018） |
| 大校额 | 超过 2000 人（九年一贯制 2500 人） | 教督〔2017〕6号 |
| 小规模学校 | 不足 100 人（按 100 人核定公用经费）；不足 200 人按班师比配备教师 | 国发〔2015〕67号；国办发〔2018〕27号 |
| 服务半径 | 小学 500 米，初中 1000 米 | 《城市居住区规划设计标准》（GB 50180—2018） |
| 办学规模与学位 | 小学 12/18/24/30 班；初中 12/18/24/30 班；九年一贯制 18/27/36/45 班 | 建标102 |
| 随迁子女在公办学校就读 | 不低于 85% | 教督〔2017〕6号 |
| 生师比 | 小学 19，初中 13.5 | 中央编办发〔2014〕72号 |

学位缺口 = 在校生 − 学位（正数为缺口）。学龄人口比例默认取第七次全国人口普查（2020）全国年龄结构。`)
}
