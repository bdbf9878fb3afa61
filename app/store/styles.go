package store

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// What a GIS colleague sees when opening a project in QGIS: Chinese field
// titles in gpkg_data_columns (QGIS shows them as aliases) and default
// QGIS styles in layer_styles — zones coloured by their catchment school
// with the schools' names as legend labels, schools by 学段. The styles
// are Xuequ's (owner styleOwner) and rewritten by every save, so they
// follow re-drawn catchments; styles a user saved in QGIS are kept (see
// carry.go) and, when one is the layer's default, stay the default.

// styleOwner marks the layer_styles rows Xuequ writes.
const styleOwner = "xuequ"

// fieldTitles are the Chinese titles of Xuequ's columns, with an English
// description, per table.
var fieldTitles = map[string][][3]string{
	"schools": {
		{"id", "学校编码", "school id"}, {"name", "学校名称", "school name"}, {"level", "学段", "stage: primary, junior, nine_year, kindergarten"},
		{"capacity", "学位数", "seats (0 = from classrooms)"}, {"classrooms", "教室数", "classrooms"}, {"boarding", "寄宿", "boarding school"},
		{"township", "乡镇", "township"}, {"public", "公办", "public school"}, {"attrs", "其他属性", "other source attributes (JSON)"},
		{"closed", "已撤并", "closed"}, {"merged_into", "并入学校", "receiving schools (JSON)"},
	},
	"zones": {
		{"id", "小区编码", "zone id"}, {"name", "小区名称", "zone name"}, {"population", "人口", "population"},
		{"households", "户数", "households"}, {"dwellings", "住宅套数", "dwellings"}, {"primary_age", "小学适龄人口", "primary school-age children"},
		{"junior_age", "初中适龄人口", "junior school-age children"}, {"primary_school", "小学学区", "primary catchment school id"},
		{"junior_school", "初中学区", "junior catchment school id"}, {"township", "乡镇", "township"}, {"attrs", "其他属性", "other source attributes (JSON)"},
	},
	"history": {{"school", "学校编码", "school id"}, {"year", "学年", "school year"}, {"grade", "年级", "grade (0 = kindergarten)"},
		{"students", "在校生", "pupils"}, {"classes", "班数", "classes (0 = not given)"}},
	"births":  {{"zone", "小区编码", "zone id"}, {"year", "年份", "year"}, {"births", "出生人口", "births"}},
	"housing": {{"zone", "小区编码", "zone id"}, {"year", "年份", "year first occupied"}, {"dwellings", "新增住宅套数", "dwellings"}},
}

// styles writes the Chinese field titles and Xuequ's default layer
// styles for d.
func (w *writer) styles(d *model.District) {
	if w.err != nil {
		return
	}
	var cols []gpkg.DataColumn
	for _, t := range []string{"schools", "zones", "history", "births", "housing"} {
		for _, f := range fieldTitles[t] {
			cols = append(cols, gpkg.DataColumn{Table: t, Column: f[0], Name: f[1], Title: f[1], Description: f[2]})
		}
	}
	if w.err = gpkg.SetDataColumns(w.ctx, w.tx, cols); w.err != nil {
		return
	}
	w.err = gpkg.AddLayerStyles(w.ctx, w.tx, defaultStyles(d))
}

// yieldDefaultStyle makes a user's default style of a layer win over
// Xuequ's: Xuequ's is then no longer the default.
func yieldDefaultStyle(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE main.layer_styles SET useAsDefault = 0
		WHERE owner = ? AND f_table_name IN (SELECT f_table_name FROM main.layer_styles
			WHERE useAsDefault AND coalesce(owner, '') <> ?)`, styleOwner, styleOwner)
	return err
}

// catchmentPalette (Tableau 10) colours the catchments; neighbouring
// schools get different colours (colours.go).
var catchmentPalette = []string{"78,121,167", "242,142,43", "225,87,89", "118,183,178", "89,161,79",
	"237,201,72", "176,122,161", "255,157,167", "156,117,95", "186,176,172"}

// defaultStyles are Xuequ's QGIS styles: zones by primary catchment
// (default) and by junior catchment, schools by 学段.
func defaultStyles(d *model.District) []gpkg.LayerStyle {
	style := func(table, name, desc, qml string, def bool) gpkg.LayerStyle {
		return gpkg.LayerStyle{Table: table, GeometryColumn: "geom", Name: name, QML: qml, UseAsDefault: def,
			Description: desc, Owner: styleOwner}
	}
	return []gpkg.LayerStyle{
		style("zones", "小学学区", "zones coloured by primary catchment school (Xuequ)", zonesQML(d, "primary_school", model.LevelPrimary), true),
		style("zones", "初中学区", "zones coloured by junior catchment school (Xuequ)", zonesQML(d, "junior_school", model.LevelJunior), false),
		style("schools", "学段", "schools by stage (Xuequ)", schoolsQML(), true),
	}
}

// category is one class of a QGIS categorised renderer.
type category struct{ value, label, symbol string }

// zonesQML colours zones by field (a school id) with the schools of
// stage (and nine-year schools) as categories labelled by name.
func zonesQML(d *model.District, field string, stage model.Level) string {
	var schools []*model.School
	var sites []orb.Point
	for i := range d.Schools {
		s := &d.Schools[i]
		if s.Level != stage && s.Level != model.LevelNineYear || s.Closed {
			continue
		}
		schools = append(schools, s)
		sites = append(sites, s.Location)
	}
	colours := neighbourColours(sites, len(catchmentPalette))
	var cats []category
	for i, s := range schools {
		label := s.Name
		if label == "" {
			label = s.ID
		}
		cats = append(cats, category{s.ID, label, fillSymbol(catchmentPalette[colours[i]])})
	}
	cats = append(cats, category{"", "未划片 unassigned", fillSymbol("200,200,200")})
	return qml(field, cats, 2, fieldTitles["zones"], "")
}

// schoolsQML colours schools by level, labelled with their names.
func schoolsQML() string {
	levels := []struct {
		l     model.Level
		color string
		shape string
	}{
		{model.LevelPrimary, "31,120,180", "circle"}, {model.LevelJunior, "227,26,28", "square"},
		{model.LevelNineYear, "106,61,154", "diamond"}, {model.LevelKindergarten, "51,160,44", "triangle"},
		{model.LevelSenior, "255,127,0", "pentagon"}, {model.LevelOther, "120,120,120", "circle"},
	}
	var cats []category
	for _, l := range levels {
		cats = append(cats, category{l.l.String(), l.l.Chinese(), markerSymbol(l.color, l.shape)})
	}
	return qml("level", cats, 0, fieldTitles["schools"], "name")
}

func fillSymbol(rgb string) string {
	return `<symbol type="fill" alpha="0.75" clip_to_extent="1" force_rhr="0" name="{N}"><layer class="SimpleFill" enabled="1" locked="0" pass="0">` +
		prop("color", rgb+",255") + prop("outline_color", "255,255,255,255") + prop("outline_width", "0.26") +
		prop("outline_width_unit", "MM") + prop("style", "solid") + prop("outline_style", "solid") + `</layer></symbol>`
}

func markerSymbol(rgb, shape string) string {
	return `<symbol type="marker" alpha="1" clip_to_extent="1" force_rhr="0" name="{N}"><layer class="SimpleMarker" enabled="1" locked="0" pass="0">` +
		prop("name", shape) + prop("color", rgb+",255") + prop("outline_color", "255,255,255,255") + prop("outline_width", "0.4") +
		prop("size", "3.2") + prop("size_unit", "MM") + `</layer></symbol>`
}

func prop(k, v string) string {
	return fmt.Sprintf(`<prop k="%s" v="%s"/>`, k, html.EscapeString(v))
}

// qml is a QGIS style document: a categorised renderer on attr, field
// aliases from titles, and labels from labelField ("" = none). geomType
// is QGIS's layerGeometryType (0 point, 2 polygon).
func qml(attr string, cats []category, geomType int, titles [][3]string, labelField string) string {
	var b strings.Builder
	labels := "0"
	if labelField != "" {
		labels = "1"
	}
	fmt.Fprintf(&b, `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0" styleCategories="AllStyleCategories" labelsEnabled="%s">
<renderer-v2 type="categorizedSymbol" attr="%s" symbollevels="0" enableorderby="0" forceraster="0">
<categories>
`, labels, html.EscapeString(attr))
	for i, c := range cats {
		fmt.Fprintf(&b, `<category value="%s" symbol="%d" label="%s" render="true"/>`+"\n", html.EscapeString(c.value), i, html.EscapeString(c.label))
	}
	b.WriteString("</categories>\n<symbols>\n")
	for i, c := range cats {
		b.WriteString(strings.Replace(c.symbol, "{N}", strconv.Itoa(i), 1) + "\n")
	}
	b.WriteString("</symbols>\n</renderer-v2>\n")
	if labelField != "" {
		fmt.Fprintf(&b, `<labeling type="simple"><settings calloutType="simple">
<text-style fieldName="%s" isExpression="0" fontSize="9" fontSizeUnit="Point" textColor="40,40,40,255" fontFamily="Microsoft YaHei" namedStyle="Regular" textOpacity="1"><text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="1"/></text-style>
<placement placement="0" dist="1.5" distUnits="MM"/>
<rendering scaleVisibility="0" obstacle="1" displayAll="0"/>
</settings></labeling>
`, html.EscapeString(labelField))
	}
	b.WriteString("<aliases>\n")
	for i, t := range titles {
		fmt.Fprintf(&b, `<alias field="%s" index="%d" name="%s"/>`+"\n", html.EscapeString(t[0]), i+1, html.EscapeString(t[1]))
	}
	fmt.Fprintf(&b, "</aliases>\n<layerGeometryType>%d</layerGeometryType>\n</qgis>\n", geomType)
	return b.String()
}
