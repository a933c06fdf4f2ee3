#include "names.hpp"

#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common.hpp"

namespace sample_city {

namespace {

const char* city_prefix(const NamePrefixes& prefixes, std::string_view district, Rng& r) {
    if (r.chance(prefixes.province_share)) return prefixes.province;
    for (const auto& town : prefixes.towns)
        if (district == town.district && (town.share >= 1 || r.chance(town.share))) return town.name;
    return prefixes.city;
}

std::string trade_word(std::string_view industry, Rng& r) {
    static const std::vector<std::pair<const char*, std::vector<const char*>>> words = {
        {"C358", {"医疗器械", "医疗科技"}},
        {"C13", {"粮油", "食品", "农业科技"}},
        {"C14", {"食品", "食品科技"}},
        {"C15", {"酒业", "饮品"}},
        {"C17", {"纺织"}},
        {"C18", {"服饰"}},
        {"C21", {"家居"}},
        {"C22", {"包装", "纸业"}},
        {"C25", {"石化"}},
        {"C26", {"化工", "化学", "精细化工", "新材料科技"}},
        {"C27", {"药业", "制药", "生物医药", "生物科技"}},
        {"C29", {"塑业", "橡塑", "高分子材料"}},
        {"C30", {"建材", "玻纤", "新型材料"}},
        {"C31", {"钢铁", "特钢"}},
        {"C32", {"铝业", "铜业", "金属材料"}},
        {"C33", {"钢结构", "金属制品"}},
        {"C34", {"机械", "泵阀", "动力科技"}},
        {"C35", {"重工", "装备"}},
        {"C36", {"汽车部件", "汽车科技"}},
        {"C37", {"船舶", "船业", "海洋工程", "船舶配套"}},
        {"C38", {"电气", "新能源", "储能科技", "电力设备"}},
        {"C39", {"电子", "半导体", "微电子", "光电科技", "通信科技"}},
        {"C41", {"工贸"}},
        {"G54", {"运输", "物流"}},
        {"G55", {"港务", "码头"}},
        {"G58", {"供应链", "国际物流"}},
        {"G59", {"仓储", "物流"}},
        {"F52", {"商贸", "商业"}},
        {"H61", {"酒店管理"}},
        {"H62", {"餐饮管理"}},
        {"L72", {"企业管理"}},
        {"K70", {"置业", "房地产开发"}},
    };
    for (const auto& [prefix, list] : words)
        if (industry.substr(0, std::string_view(prefix).size()) == prefix) return r.pick(list);
    return "实业";
}

}  // namespace

std::string enterprise_name(const NamePrefixes& prefixes, std::string_view industry, LandUse lu,
                            std::string_view district, Rng& r) {
    static const std::vector<const char*> syllables = {
        "恒", "瑞", "华", "远", "鑫", "盛", "达", "隆", "丰", "宏", "康", "源", "嘉", "诚", "信", "金",
        "永", "昌", "德", "润", "博", "天", "海", "新", "正", "中", "安", "凯", "立", "通", "利", "富",
        "旺", "兴", "明", "星", "辰", "宇", "亿", "翔", "汇", "泽", "扬", "洋", "峰", "腾", "胜", "联"};
    const char* city = city_prefix(prefixes, district, r);
    if (lu == kPublic) {
        static const std::vector<const char*> publics = {"城市建设投资集团有限公司", "公用事业发展有限公司",
                                                         "水务集团有限公司", "交通产业集团有限公司",
                                                         "教育投资发展有限公司"};
        return fmt::format("{}{}", city, r.pick(publics));
    }
    std::string brand = fmt::format("{}{}", r.pick(syllables), r.pick(syllables));
    const char* suffix = r.chance(0.15) && lu != kResidential ? "股份有限公司" : "有限公司";
    return fmt::format("{}{}{}{}", city, brand, trade_word(industry, r), suffix);
}

std::string project_name(std::string_view code, Rng& r) {
    auto n = [&](std::vector<const char*> options) { return std::string(r.pick(options)); };
    auto p = [&](std::vector<const char*> options) { return std::string(r.pick(options)); };
    const std::string c(code);
    if (c == "C2710") return fmt::format("年产{}吨{}原料药项目", n({"50", "100", "200", "500", "5万"}), p({"抗肿瘤", "心血管", "抗感染", "生物医药", "高端特色"}));
    if (c == "C2720") return fmt::format("年产{}亿片（粒）{}制剂项目", n({"5", "10", "20", "30"}), p({"口服固体", "缓控释", "高端仿制药"}));
    if (c == "C2740") return fmt::format("年产{}吨中成药及中药提取物项目", n({"500", "1000", "3000"}));
    if (c == "C2761") return fmt::format("{}生物药产业化项目", p({"单克隆抗体", "重组蛋白", "细胞治疗", "抗体偶联药物"}));
    if (c == "C2762") return fmt::format("年产{}万剂{}疫苗项目", n({"500", "1000", "3000"}), p({"流感", "狂犬病", "带状疱疹", "多联"}));
    if (c == "C3581") return fmt::format("年产{}台（套）{}项目", n({"2000", "5000", "1万"}), p({"医用监护设备", "医学影像设备", "体外诊断仪器"}));
    if (c == "C3584") return fmt::format("年产{}万件{}项目", n({"100", "500", "1000"}), p({"高值医用耗材", "微创手术器械"}));
    if (c == "C2614") return fmt::format("年产{}万吨{}项目", n({"5", "10", "20", "30"}), p({"环氧丙烷", "醋酸乙烯", "高纯电子化学品", "己二腈"}));
    if (c == "C2641") return fmt::format("年产{}万吨{}项目", n({"2", "5", "10"}), p({"高性能涂料", "水性工业涂料", "船舶防腐涂料"}));
    if (c == "C2651") return fmt::format("年产{}万吨{}项目", n({"5", "10", "20"}), p({"聚碳酸酯", "环氧树脂", "特种工程塑料"}));
    if (c == "C2661") return fmt::format("年产{}万吨{}项目", n({"1", "2", "5"}), p({"催化剂", "水处理剂", "锂电池电解液添加剂"}));
    if (c == "C2662") return fmt::format("年产{}万吨电子化学品项目", n({"1", "3", "5"}));
    if (c == "C2631") return fmt::format("年产{}万吨绿色农药原药项目", n({"1", "2", "3"}));
    if (c == "C3737") return fmt::format("年产{}台（套）船用{}项目", n({"200", "500", "1000"}), p({"甲板机械", "推进系统", "舱口盖", "脱硫装置"}));
    if (c == "C3734") return fmt::format("{}万吨级船舶修理及改装项目", n({"5", "10", "15"}));
    if (c == "C3732") return fmt::format("年产{}艘{}项目", n({"50", "100", "200"}), p({"玻璃钢游艇", "铝合金客船", "复合材料工作船"}));
    if (c == "G5532") return fmt::format("{}万吨级{}码头项目", n({"3", "5", "10"}), p({"通用散货", "集装箱", "件杂货", "液体散货"}));
    if (c == "G5920") return fmt::format("长江{}仓储物流中心项目", p({"粮食", "大宗商品", "钢材", "木材"}));
    if (c == "G5810") return fmt::format("江海河多式联运{}项目", p({"枢纽", "物流园", "集散中心"}));
    if (c == "G5431") return fmt::format("{}城市配送物流中心项目", p({"智慧", "电商", "快递"}));
    if (c == "G5930") return fmt::format("{}冷链物流中心项目", p({"农产品", "医药", "水产品"}));
    if (c == "C1311") return fmt::format("年产{}万吨优质大米加工项目", n({"10", "20", "30"}));
    if (c == "C1391") return fmt::format("年产{}万吨淀粉及变性淀粉项目", n({"5", "10", "20"}));
    if (c == "C1361") return fmt::format("年产{}万吨水产品精深加工项目", n({"2", "5", "8"}));
    if (c == "C1432") return fmt::format("年产{}万吨速冻食品及预制菜项目", n({"3", "5", "10"}));
    if (c == "C1441") return fmt::format("年产{}万吨低温乳制品项目", n({"5", "10", "15"}));
    if (c == "C1462") return fmt::format("年产{}万吨酿造酱油项目", n({"5", "10", "20"}));
    if (c == "C1513") return fmt::format("年产{}万千升精酿啤酒项目", n({"5", "10", "20"}));
    if (c == "C1523") return fmt::format("年产{}万吨果蔬汁饮料项目", n({"5", "10", "20"}));
    if (c == "C3973") return fmt::format("年产{}亿颗集成电路封装测试项目", n({"10", "30", "50"}));
    if (c == "C3972") return fmt::format("年产{}万片功率半导体器件项目", n({"24", "36", "60"}));
    if (c == "C3982") return fmt::format("年产{}万平方米高端印制电路板项目", n({"50", "100", "200"}));
    if (c == "C3921") return fmt::format("年产{}万台5G通信设备项目", n({"10", "50", "100"}));
    if (c == "C3976") return fmt::format("年产{}万只光电子器件项目", n({"500", "1000", "3000"}));
    if (c == "C3841") return fmt::format("年产{}GWh锂离子电池项目", n({"5", "10", "20"}));
    if (c == "C3825") return fmt::format("年产{}GW光伏组件项目", n({"2", "5", "10"}));
    if (c == "C3252") return fmt::format("年产{}万吨高性能铝合金型材项目", n({"5", "10", "20"}));
    if (c == "C3251") return fmt::format("年产{}万吨高精度铜箔项目", n({"1", "2", "5"}));
    if (c == "C3061") return fmt::format("年产{}万吨特种玻璃纤维项目", n({"5", "10", "15"}));
    if (c == "C3062") return fmt::format("年产{}万吨碳纤维复合材料项目", n({"0.5", "1", "2"}));
    if (c == "C2922") return fmt::format("年产{}万吨改性塑料项目", n({"5", "10", "20"}));
    if (c == "C2929") return fmt::format("年产{}万吨生物降解塑料制品项目", n({"3", "5", "10"}));
    if (c == "C3240") return fmt::format("年产{}万吨稀土合金材料项目", n({"1", "2", "3"}));
    if (c == "C3091") return fmt::format("年产{}万吨锂电负极石墨材料项目", n({"2", "5", "10"}));
    if (c == "C3444") return fmt::format("年产{}万件液压元件项目", n({"50", "100", "200"}));
    if (c == "C3451") return fmt::format("年产{}万套精密轴承项目", n({"100", "500", "1000"}));
    if (c == "C3443") return fmt::format("年产{}万台工业阀门项目", n({"5", "10", "20"}));
    if (c == "C3511") return fmt::format("年产{}台（套）智能矿山装备项目", n({"200", "500", "1000"}));
    if (c == "C3612") return fmt::format("年产{}万辆新能源汽车项目", n({"5", "10", "20"}));
    if (c == "C3670") return fmt::format("年产{}万套汽车零部件项目", n({"50", "100", "300"}));
    if (c == "C3823") return fmt::format("年产{}万台智能配电设备项目", n({"2", "5", "10"}));
    if (c == "C1711") return fmt::format("年产{}万锭高档纺纱项目", n({"5", "10", "20"}));
    if (c == "C1810") return fmt::format("年产{}万件品牌服装项目", n({"100", "300", "500"}));
    if (c == "C2231") return fmt::format("年产{}亿平方米包装纸板项目", n({"1", "2", "5"}));
    if (c == "C4190") return fmt::format("年产{}万件文旅创意产品项目", n({"50", "100", "200"}));
    if (c == "C2110") return fmt::format("年产{}万套定制家具项目", n({"5", "10", "20"}));
    if (c == "C3311") return fmt::format("年产{}万吨钢结构项目", n({"5", "10", "20"}));
    if (c == "C3110") return fmt::format("年产{}万吨炼铁项目", n({"50", "100", "200"}));
    if (c == "C3120") return fmt::format("年产{}万吨电炉炼钢项目", n({"50", "100", "150"}));
    if (c == "C3731") return fmt::format("{}万吨级钢质散货船建造项目", n({"3", "5", "8"}));
    if (c == "C2511") return fmt::format("年产{}万吨原油加工项目", n({"100", "200", "500"}));
    fail("no project name for " + c);
}

}  // namespace sample_city
