package jp.sukedachi.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The simulated customers: fictional small companies of varied industry, size and prefecture, their office
 * network (PCs with users) and the devices that send telemetry. The first thirty are hand-named (the demo
 * world); more are numbered. Addresses come from the documentation ranges of RFC 5737 for everything on
 * the Internet, so no real host is ever named: companies' public addresses 198.51.100.1–127, scanners
 * 198.51.100.128–255, everyday services 192.0.2.0/24, the attackers of the cases 203.0.113.0/24.
 */
public record SimWorld(List<Company> companies) {

    /** One company. {@code lan} is the office prefix such as {@code 192.168.3.}; hosts are its PCs. */
    public record Company(int index, String slug, String name, String kana, String industry, String band,
            String prefecture, String contactName, String contactEmail, String phone, String lan, String publicIp,
            List<Host> hosts, List<Device> devices) {

        public Device device(Wire wire) {
            for (Device d : devices) {
                if (d.wire() == wire) {
                    return d;
                }
            }
            return null;
        }

        public boolean has(Wire wire) {
            return device(wire) != null;
        }
    }

    /** A PC (or phone) on the office LAN. */
    public record Host(String name, String ip, String mac, String os, String user) {
    }

    /**
     * A device registered for the company. {@code sourceIp} is the loopback address its syslog comes from
     * (the syslog receiver knows devices by sender address), null for HTTP senders.
     */
    public record Device(String name, Wire wire, String sourceIp) {
    }

    /** Hand-made companies: slug, name, kana, JSIC major group, employee band, JIS prefecture, contact. */
    private static final String[][] NAMED = {
        {"sakura-seiki", "株式会社さくら精機", "サクラセイキ", "E", "21-50", "27", "桜井 一郎"},
        {"midori-kaikei", "みどり会計事務所", "ミドリカイケイジムショ", "L", "6-20", "13", "緑川 花子"},
        {"aozora-unyu", "青空運輸株式会社", "アオゾラウンユ", "H", "51-100", "23", "青木 誠"},
        {"hinode-shokuhin", "日の出食品株式会社", "ヒノデショクヒン", "E", "21-50", "40", "日野 和子"},
        {"kawasemi-kensetsu", "かわせみ建設株式会社", "カワセミケンセツ", "D", "21-50", "4", "川瀬 隆"},
        {"tsubame-ryokan", "旅館つばめ", "リョカンツバメ", "M", "6-20", "20", "燕 千代"},
        {"kaede-dental", "かえで歯科医院", "カエデシカイイン", "P", "6-20", "14", "楓 直樹"},
        {"hoshizora-soft", "株式会社ほしぞらソフト", "ホシゾラソフト", "G", "21-50", "1", "星野 亮"},
        {"takahashi-seisakusho", "株式会社たかはし製作所", "タカハシセイサクショ", "E", "101-300", "22", "高橋 修"},
        {"umi-suisan", "うみ水産株式会社", "ウミスイサン", "B", "6-20", "47", "海野 勇"},
        {"kotobuki-fudosan", "寿不動産株式会社", "コトブキフドウサン", "K", "1-5", "26", "寿 正"},
        {"asahi-insatsu", "朝日印刷株式会社", "アサヒインサツ", "E", "21-50", "34", "朝日 恵"},
        {"nanohana-kaigo", "社会福祉法人なのはな会", "ナノハナカイ", "P", "51-100", "12", "菜野 春子"},
        {"fuji-denki-koji", "富士電気工事株式会社", "フジデンキコウジ", "D", "6-20", "19", "富士 健"},
        {"momiji-shoten", "もみじ商店", "モミジショウテン", "I", "1-5", "38", "紅葉 さゆり"},
        {"suzuran-hoiku", "すずらん保育園", "スズランホイクエン", "O", "6-20", "11", "鈴木 蘭"},
        {"inaho-nouen", "有限会社いなほ農園", "イナホノウエン", "A", "6-20", "15", "稲穂 豊"},
        {"kirin-yakkyoku", "きりん薬局", "キリンヤッキョク", "I", "6-20", "28", "麒麟 学"},
        {"tsukimi-law", "つきみ法律事務所", "ツキミホウリツジムショ", "L", "1-5", "13", "月見 静香"},
        {"yamabuki-shoji", "山吹商事株式会社", "ヤマブキショウジ", "I", "21-50", "27", "山吹 浩"},
        {"hikari-design", "株式会社ひかりデザイン", "ヒカリデザイン", "L", "6-20", "13", "光田 彩"},
        {"kurumi-bakery", "くるみベーカリー", "クルミベーカリー", "E", "21-50", "17", "胡桃 守"},
        {"shiosai-hotel", "ホテル潮騒", "ホテルシオサイ", "M", "21-50", "42", "潮田 航"},
        {"miyabi-kimono", "雅きもの株式会社", "ミヤビキモノ", "I", "6-20", "26", "雅 京子"},
        {"daichi-kikai", "大地機械株式会社", "ダイチキカイ", "E", "51-100", "9", "大地 剛"},
        {"sora-clinic", "そらクリニック", "ソラクリニック", "P", "21-50", "33", "空 美咲"},
        {"ayame-kanko", "あやめ観光バス株式会社", "アヤメカンコウバス", "H", "21-50", "6", "菖蒲 進"},
        {"tanpopo-juku", "たんぽぽ学習塾", "タンポポガクシュウジュク", "O", "6-20", "8", "丹保 学"},
        {"seiryu-shuzo", "清流酒造株式会社", "セイリュウシュゾウ", "E", "21-50", "21", "清水 蔵人"},
        {"hanabi-kikaku", "株式会社はなびイベント企画", "ハナビイベントキカク", "R", "6-20", "37", "花火 陽"},
    };
    private static final String[] USERS = {"tanaka", "suzuki", "sato", "takahashi", "watanabe", "ito", "yamamoto",
        "nakamura", "kobayashi", "kato", "yoshida", "yamada", "sasaki", "matsumoto", "inoue", "kimura"};
    private static final String[] BANDS = {"1-5", "6-20", "21-50", "51-100", "101-300"};
    private static final String INDUSTRIES = "ADEFGHIKLMNOPR";

    /** The world of {@code count} companies; the same seed and count give the same world. */
    public static SimWorld of(int count, long seed) {
        if (count < 1 || count > 5_000) {
            throw new IllegalArgumentException("companies must be 1–5000, got " + count);
        }
        List<Company> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(seed * 31 + i);
            String[] n = i < NAMED.length ? NAMED[i] : generated(i, r);
            out.add(company(i, n, r));
        }
        return new SimWorld(List.copyOf(out));
    }

    public Company company(String slug) {
        for (Company c : companies) {
            if (c.slug().equals(slug)) {
                return c;
            }
        }
        return null;
    }

    private static String[] generated(int i, SplittableRandom r) {
        int no = i + 1;
        return new String[] {"sim-company-" + no, "株式会社シミュレーション" + no, "シミュレーション" + no,
            String.valueOf(INDUSTRIES.charAt(r.nextInt(INDUSTRIES.length()))), BANDS[r.nextInt(BANDS.length)],
            String.valueOf(1 + r.nextInt(47)), USERS[r.nextInt(USERS.length)] + " 担当"};
    }

    private static Company company(int i, String[] n, SplittableRandom r) {
        String lan = "192.168." + (i % 250 + 1) + ".";
        int pcs = switch (n[4]) {
            case "1-5" -> 3;
            case "6-20" -> 6;
            case "21-50" -> 10;
            case "51-100" -> 14;
            default -> 20;
        };
        String prefix = abbreviation(n[0]);
        List<Host> hosts = new ArrayList<>();
        for (int h = 0; h < pcs; h++) {
            String os = r.nextInt(4) == 0 ? "Windows 10" : "Windows 11";
            hosts.add(new Host(prefix + "-PC" + String.format("%02d", h + 1), lan + (20 + h), mac(i, h),
                    os, USERS[(h + i) % USERS.length]));
        }
        hosts.add(new Host(prefix + "-NAS", lan + "10", mac(i, 200), "Linux", "admin"));
        List<Device> devices = new ArrayList<>();
        devices.add(new Device("UTM " + prefix + "-FGT", Wire.FORTIGATE_SYSLOG, syslogSource(i)));
        if (i % 2 == 0 || Story.needs(n[0], Wire.SURICATA_EVE)) {
            devices.add(new Device("IDS " + prefix + "-SURICATA", Wire.SURICATA_EVE, null));
        }
        if (i % 3 == 0 || Story.needs(n[0], Wire.ZEEK_JSON)) {
            devices.add(new Device("NDR " + prefix + "-ZEEK", Wire.ZEEK_JSON, null));
        }
        if (i % 4 == 1 || Story.needs(n[0], Wire.WINDOWS_BULK)) {
            devices.add(new Device("EDR " + prefix + "-PCs", Wire.WINDOWS_BULK, null));
        }
        String domain = n[0] + ".example.jp";
        return new Company(i, n[0], n[1], n[2], n[3], n[4], n[5], n[6], "it@" + domain,
                String.format("0%d-0000-%04d", 3 + i % 6, i), lan, publicIp(i), List.copyOf(hosts), List.copyOf(devices));
    }

    /** SAKURA-SEIKI → SAKURA: short, upper case, used in host and device names. */
    private static String abbreviation(String slug) {
        String first = slug.split("-")[0];
        return first.toUpperCase(Locale.ROOT);
    }

    /** Each UTM sends from its own loopback address (127.0.1.1, 127.0.1.2 …), as a real office's UTM has its own. */
    static String syslogSource(int i) {
        return "127.0." + (1 + i / 250) + "." + (1 + i % 250);
    }

    static String publicIp(int i) {
        return i < 127 ? "198.51.100." + (1 + i) : "100.64." + (i / 250) + "." + (1 + i % 250);
    }

    private static String mac(int company, int host) {
        return String.format("00:1a:2b:%02x:%02x:%02x", company / 256 % 256, company % 256, host % 256);
    }
}
