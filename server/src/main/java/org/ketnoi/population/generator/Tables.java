package org.ketnoi.population.generator;

import java.util.HashMap;
import java.util.Map;
import org.ketnoi.population.generator.Ethnicity.Hamlet;
import org.ketnoi.population.generator.Ethnicity.Naming;
import org.ketnoi.population.generator.ReferenceData.Region;

/**
 * The published figures the generator imitates, as small weighted tables. Weights are relative;
 * each table says where its numbers come from. Approximations, good enough for realistic test data.
 */
final class Tables {

    private Tables() {
    }

    // --- Family names -------------------------------------------------------------------------

    /*
     * Kinh family names. The commonly cited national shares (Wikipedia "Vietnamese name": Nguyễn 38 %,
     * Trần 11, Lê 9.5, Phạm 7, Hoàng/Huỳnh 5.1, Phan 4.5, Vũ/Võ 3.9, Đặng 2.1, Bùi 2, Đỗ 1.4, Hồ 1.3,
     * Ngô 1.3, Dương 1, Lý 0.5; the tail is an assumption) are for everybody; the minorities (~15 %)
     * rarely carry them, so Nguyễn is weighted up among the Kinh to land near 38 % overall.
     * "Hoàng|Huỳnh" and "Vũ|Võ" are split by region below: the South says Huỳnh and Võ.
     */
    private static final String KINH_FAMILY = "Nguyễn 50, Trần 12.4, Lê 10.7, Phạm 7.9, Hoàng|Huỳnh 5.7, Phan 5.1, "
            + "Vũ|Võ 4.4, Đặng 2.4, Bùi 2.3, Đỗ 1.6, Hồ 1.5, Ngô 1.5, Dương 1.1, Lý 0.55, Đinh 0.6, Trương 0.6, "
            + "Lâm 0.45, Mai 0.45, Đoàn 0.45, Trịnh 0.45, Lương 0.4, Hà 0.4, Cao 0.35, Tạ 0.3, Lưu 0.3, Tô 0.25, "
            + "Chu 0.25, Châu 0.25, Quách 0.2, Thái 0.2, Kiều 0.15, La 0.15, Tăng 0.15, Phùng 0.2, Nghiêm 0.1, "
            + "Khổng 0.05, Lại 0.15, Đàm 0.12, Hứa 0.12, Triệu 0.12, Vương 0.12, Mạc 0.08, Tôn 0.08, Đào 0.4, "
            + "Thân 0.1, Giang 0.1, Ông 0.08, Âu 0.05, Kim 0.05, Văn 0.08, Khúc 0.05, Lục 0.05, Doãn 0.05, "
            + "Nông 0.05, Diệp 0.05, Hoa 0.03, Quan 0.05";

    private static final Weighted<String> KINH_NORTH = kinhFamily(0.9, 0.9);
    private static final Weighted<String> KINH_CENTRAL = kinhFamily(0.5, 0.4);
    private static final Weighted<String> KINH_SOUTH = kinhFamily(0.15, 0.15);

    /** Share of Hoàng among Hoàng|Huỳnh and of Vũ among Vũ|Võ. */
    private static Weighted<String> kinhFamily(double hoang, double vu) {
        StringBuilder table = new StringBuilder();
        for (String entry : KINH_FAMILY.split(",")) {
            String e = entry.strip();
            String name = e.substring(0, e.lastIndexOf(' '));
            double w = Double.parseDouble(e.substring(e.lastIndexOf(' ') + 1));
            if (name.contains("|")) {
                String[] pair = name.split("\\|");
                double first = pair[0].equals("Hoàng") ? hoang : vu;
                table.append(pair[0]).append(' ').append(w * first).append(", ");
                table.append(pair[1]).append(' ').append(w * (1 - first)).append(", ");
            } else {
                table.append(e).append(", ");
            }
        }
        return Weighted.of(table.substring(0, table.length() - 2));
    }

    static Weighted<String> kinhFamilyNames(Region region) {
        return switch (region) {
            case NORTH -> KINH_NORTH;
            case CENTRAL -> KINH_CENTRAL;
            case SOUTH -> KINH_SOUTH;
        };
    }

    // --- Middle and given names (frequent names by generation; assumption from name lists) ------

    /** Born before 1985: Văn and Thị dominate. */
    static final Weighted<String> MALE_MIDDLE_OLD = Weighted.of("Văn 45, Đức 7, Hữu 6, Quang 5, Minh 5, Công 5, "
            + "Đình 6, Xuân 4, Ngọc 3, Thanh 4, Trọng 3, Quốc 3, Mạnh 2, Tiến 2, Anh 2, Duy 1, Thế 2");
    static final Weighted<String> MALE_MIDDLE_YOUNG = Weighted.of("Văn 15, Minh 12, Đức 8, Gia 8, Quang 6, Hoàng 6, "
            + "Anh 5, Tuấn 4, Bảo 6, Thành 4, Duy 5, Hữu 4, Quốc 5, Trung 3, Đăng 4, Nhật 4, Khánh 3, Phúc 3, Thanh 3");
    static final Weighted<String> FEMALE_MIDDLE_OLD = Weighted.of("Thị 70, Ngọc 5, Thu 4, Thanh 5, Kim 4, Hồng 4, "
            + "Bích 2, Xuân 2, Minh 2, Mai 2, Thúy 2, Phương 2");
    static final Weighted<String> FEMALE_MIDDLE_YOUNG = Weighted.of("Thị 25, Ngọc 10, Thu 5, Thanh 5, Mai 4, "
            + "Phương 5, Minh 6, Bảo 6, Khánh 5, Gia 5, Hồng 3, Kim 3, Thùy 4, Diệu 3, Quỳnh 3, Như 3, Hoài 3, Ánh 2, "
            + "Tuệ 2, An 3");
    static final Weighted<String> MALE_GIVEN_OLD = Weighted.of("Hùng 5, Dũng 5, Tuấn 4, Hải 5, Sơn 5, Thắng 5, "
            + "Long 4, Nam 4, Minh 5, Quang 3, Trung 4, Cường 4, Bình 4, Thành 4, Hòa 3, Tâm 3, Hưng 4, Tiến 3, Hiếu 3, "
            + "Phong 3, Tùng 3, Đức 3, Lâm 2, Lợi 2, Tài 2, Thịnh 2, Toàn 3, Việt 3, Vinh 3, Hậu 2, Kiên 2, Nghĩa 3, "
            + "Công 2, Chiến 3, Hiển 2, Thanh 3, Phúc 2, Khánh 2, Huy 2, Sáu 1, Tư 1, Ba 1, Hoàng 2, Lộc 2, Đông 2");
    static final Weighted<String> MALE_GIVEN_YOUNG = Weighted.of("Minh 7, Anh 6, Huy 6, Khang 5, Bảo 5, Phúc 5, "
            + "Khôi 4, Nam 5, Long 4, Duy 4, Đạt 5, Hoàng 4, Quân 5, Khoa 4, Hiếu 4, Tuấn 4, Thịnh 3, Vinh 3, Lâm 3, "
            + "Phát 3, An 5, Kiên 3, Tú 3, Vũ 3, Hưng 3, Dũng 3, Thành 3, Trí 3, Nhật 3, Đăng 2, Tài 2, Lộc 2, Sơn 3, "
            + "Hải 3, Khải 2, Phong 2, Nguyên 3, Thiện 2, Tín 2");
    static final Weighted<String> FEMALE_GIVEN_OLD = Weighted.of("Lan 5, Hương 5, Hoa 5, Hằng 4, Nga 4, Thủy 5, "
            + "Hà 4, Mai 4, Loan 4, Hồng 4, Dung 4, Phương 4, Liên 4, Nhung 4, Hạnh 4, Huệ 3, Yến 3, Oanh 3, Vân 3, "
            + "Tuyết 3, Xuân 3, Thảo 3, Hiền 4, Lý 2, Cúc 3, Đào 2, Sen 2, Bích 2, Thơm 2, Lệ 2, Tâm 3, Thu 3, "
            + "Nguyệt 2, Hậu 2, Thanh 3, Hải 1, Hòa 2, Lài 1");
    static final Weighted<String> FEMALE_GIVEN_YOUNG = Weighted.of("Anh 7, Linh 7, Ngọc 5, Trang 6, Vy 5, Nhi 5, "
            + "Thảo 5, Hân 4, My 4, Chi 4, Huyền 4, Ngân 4, Hương 3, Uyên 4, Quỳnh 4, Trâm 3, Hà 4, Phương 3, Giang 3, "
            + "Thư 4, Yến 3, An 4, Mai 3, Khánh 2, Như 3, Tâm 2, Hằng 3, Lan 2, Nhung 2, Diệp 2, Thùy 2, Tú 2, Ly 3, "
            + "Hiền 3, Trinh 2, Vân 2, Nhàn 1, Thủy 2, Hạnh 2");

    // --- Ethnic groups --------------------------------------------------------------------------

    private static final Map<String, Ethnicity> GROUPS = new HashMap<>();

    static {
        group("Kinh", Naming.KINH, null, null, null, null, null, Hamlet.THON);
        group("Tày", Naming.KINH, "Hoàng 18, Nông 14, Lương 8, Hà 6, Ma 5, Lục 4, Bế 5, Triệu 5, Vi 4, Đàm 4, Lăng 2, "
                + "Nguyễn 5, Phùng 3, Chu 3, Đinh 3, Lý 3, Hứa 2, Mông 2", null, null, null, null, Hamlet.THON);
        group("Nùng", Naming.KINH, "Hoàng 18, Nông 12, Lương 8, Lục 6, Vi 6, Triệu 6, Lý 5, Hứa 4, Chu 4, Lăng 4, "
                + "Mã 3, Vy 3, Nguyễn 3, Đinh 3, Hà 3, Sầm 2", null, null, null, null, Hamlet.THON);
        group("Thái", Naming.KINH, "Lò 18, Cầm 12, Lường 12, Quàng 8, Vì 8, Hà 8, Tòng 6, Điêu 5, Lù 4, Mè 3, Bạc 3, "
                + "Lê 3, Lộc 3, Vi 3, Sầm 2", null, null, null, null, Hamlet.BAN);
        group("Mường", Naming.KINH, "Bùi 35, Đinh 20, Quách 10, Hà 8, Xa 5, Cao 5, Bạch 4, Nguyễn 5, Trương 4, "
                + "Hoàng 4", null, null, null, null, Hamlet.THON);
        group("H'Mông", Naming.KINH, "Giàng 14, Sùng 12, Vàng 14, Thào 12, Lý 10, Lầu 6, Hạng 6, Mùa 6, Vừ 6, Hờ 4, "
                + "Cứ 4, Sình 3, Tráng 3", "A 50, Seo 20, Văn 25, Chứ 5", "Thị 90, Mỷ 10",
                "Páo 6, Chứ 6, Dính 5, Sử 5, Lử 4, Chính 4, Pó 4, Của 4, Sính 4, Chư 3, Tủa 3, Vư 3, Sáu 3, Lềnh 3, "
                        + "Khua 3, Dế 3, Tráng 3, Phổng 2, Sềnh 2, Giàng 2",
                "Mỷ 6, Dợ 5, Dua 5, Sua 5, Chở 4, Mai 4, Súa 4, Dính 3, Pà 4, Sinh 3, Và 3, Lan 3, Ly 3, Chu 3, "
                        + "Máy 3, Sâu 2, Xế 2", Hamlet.BAN);
        group("Dao", Naming.KINH, "Triệu 28, Bàn 22, Đặng 18, Lý 10, Chảo 8, Phùng 5, Tẩn 4, Lò 3, Trần 2",
                null, null, null, null, Hamlet.THON);
        group("Hoa", Naming.KINH, "Lâm 10, Lý 10, Trần 10, Quách 6, Hứa 6, Trương 8, Lưu 6, Tăng 5, Mã 4, Huỳnh 6, "
                + "Châu 5, Diệp 4, Ông 3, La 3, Hồng 3, Tạ 3, Dương 4, Vương 4", null, null, null, null, Hamlet.AP);
        group("Khmer", Naming.KINH, "Thạch 25, Danh 20, Sơn 15, Kim 10, Lâm 6, Chau 8, Lý 5, Trần 4, Triệu 3, "
                + "Huỳnh 4", "Văn 30, Sa 10, Sô 5, Ngọc 10, Minh 10, Thanh 10, Hoàng 10, Phước 15",
                "Thị 80, Ngọc 10, Sa 10",
                "Sa 5, Sóc 4, Phol 4, Chanh 4, Sang 4, Ry 3, Som 3, Khiêm 3, Thươl 3, Phanh 3, Rết 3, Kha 3, Pho 3, "
                        + "Sơn 4, Hùng 4, Tâm 4, Thành 4, Tuấn 3, Minh 4, Chiến 3",
                "Sa Ly 4, Sóc Phia 3, Thươl 3, Na 4, Sa Rây 3, Sa Rai 3, Phiếu 3, Ni 3, Sa Rươl 2, Ry 3, Nhung 4, "
                        + "Mai 4, Lan 4, Hồng 4, Thảo 3, Linh 3, Chanh Thu 2", Hamlet.AP);
        group("Ê Đê", Naming.EDE, "Niê 30, Êban 15, Byă 10, Mlô 8, Ktla 6, Adrơng 6, Kbuôr 5, Hwing 4, Ayŭn 5, "
                + "Buôn Yă 4, Knul 4", null, null,
                "Bih 4, Jut 4, Ngông 3, Blô 3, Khuê 3, Kông 3, Thuột 3, Wơn 3, Jang 3, Duôn 3, Yơn 3, Nam 3, Sơn 3, "
                        + "Ka 2, Bhiơ 2, Kum 2, Tlang 2",
                "Hen 4, Nhi 4, Ra 3, Yên 3, Lan 3, Bia 3, Đơn 3, Hnư 3, Mai 3, Luy 3, Hoa 3, Nguyệt 2, Ngơn 2, Trinh 2, "
                        + "Juen 2", Hamlet.BUON);
        group("Gia Rai", Naming.FAMILY_GIVEN, "Ksor 22, Siu 20, Rơ Châm 12, Rơ Mah 12, Nay 10, Kpă 8, Puih 8, "
                + "Rah Lan 5, Rơ Lan 3", null, null,
                "Blik 3, Bơi 3, Hyưn 3, Dũng 3, Thương 3, Đoàn 3, Hlang 3, Kơ 2, Pơ 2, Tin 3, Yang 2, Nhom 2, Tâm 3, "
                        + "Hùng 3",
                "H'Bia 3, H'Mai 3, H'Yin 3, Hlin 3, Nhung 3, H'Lan 3, Hồng 3, Phương 2, H'Ngơn 2, H'Nhi 3",
                Hamlet.LANG);
        group("Ba Na", Naming.A_Y, null, null, null,
                "Sáu 3, Nhong 3, Vân 3, Tuyên 3, Bloanh 2, Khoa 3, Pét 2, Thiên 3, Đá 2, Hmưi 2, Thơ 3, Bình 3",
                "Nhi 3, Bia 3, Hnơ 2, Nga 3, Hoa 3, Lan 3, Blưu 2, Mai 3, Yơk 2, Lin 3", Hamlet.LANG);
        group("Xơ Đăng", Naming.A_Y, null, null, null,
                "Bút 3, Thiên 3, Dương 3, Kin 2, Quang 3, Vin 2, Hải 3, Đam 2, Lếch 2, Nghĩa 3",
                "Dền 3, Nhi 3, Hương 3, Liên 3, Pơ 2, Kim 3, Xuân 3, Hoa 3, Thúy 2", Hamlet.LANG);
        group("M'Nông", Naming.KINH, "Điểu 60, Lâm 10, Thị 5, Hoàng 10, Trần 15", null, null, null, null,
                Hamlet.BUON);
        group("Xtiêng", Naming.KINH, "Điểu 70, Lâm 10, Thị 10, Trần 10", null, null, null, null, Hamlet.AP);
        group("Cơ Ho", Naming.KINH, "Ka 25, Liêng 20, Kră 10, Bon 15, Cil 15, Đa 15", null, null, null, null,
                Hamlet.BUON);
        group("Chăm", Naming.KINH, "Đàng 25, Thiên 10, Quảng 10, Thập 10, Lộ 6, Báo 6, Châu 6, Hán 6, Trượng 6, "
                + "Phú 5, Nguyễn 5, Từ 5", null, null, null, null, Hamlet.THON);
        group("Raglai", Naming.KINH, "Pi Năng 30, Chamaléa 25, Katơr 20, Mang 15, Bo Bo 10", null, null, null, null,
                Hamlet.THON);
        group("Hrê", Naming.KINH, "Đinh 70, Phạm 20, Nguyễn 10", null, null, null, null, Hamlet.LANG);
        group("Cơ Tu", Naming.KINH, "Bhling 20, Alăng 20, Zơrâm 15, Bríu 15, Pơloong 15, Clâu 15", null, null, null,
                null, Hamlet.THON);
        group("Bru-Vân Kiều", Naming.KINH, "Hồ 60, Lê 10, Nguyễn 10, Trần 10, Hoàng 10", null, null, null, null,
                Hamlet.BAN);
        group("Tà Ôi", Naming.KINH, "Hồ 50, Kăn 15, Lê 10, Nguyễn 10, Trần 15", null, null, null, null, Hamlet.THON);
        group("Khơ Mú", Naming.KINH, "Vi 25, Lò 20, Lữ 15, Cụt 10, Lầu 10, Xồng 10, Moong 10", null, null, null, null,
                Hamlet.BAN);
        group("Sán Dìu", Naming.KINH, "Trần 20, Lý 15, Diệp 10, Lục 10, Triệu 10, Hoàng 10, Trương 8, La 7, Đỗ 5, "
                + "Ninh 5", null, null, null, null, Hamlet.THON);
        group("Sán Chay", Naming.KINH, "Hoàng 20, Lý 15, Triệu 15, La 10, Trần 10, Lâm 10, Vi 10, Lương 10", null,
                null, null, null, Hamlet.THON);
        group("Giáy", Naming.KINH, "Lò 30, Lù 20, Hoàng 20, Vàng 15, Sần 15", null, null, null, null, Hamlet.BAN);
        group("Hà Nhì", Naming.KINH, "Ly 30, Chu 20, Pờ 20, Lò 15, Phù 15", null, null, null, null, Hamlet.BAN);
        group("Thổ", Naming.KINH, "Nguyễn 20, Lê 20, Trương 15, Vi 15, Hoàng 10, Phạm 10, Lữ 10", null, null, null,
                null, Hamlet.BAN);
        group("Xinh Mun", Naming.KINH, "Lò 30, Lường 30, Vì 20, Quàng 20", null, null, null, null, Hamlet.BAN);
    }

    private static void group(String name, Naming naming, String family, String maleMiddle, String femaleMiddle,
            String maleGiven, String femaleGiven, Hamlet hamlet) {
        GROUPS.put(name, new Ethnicity(name, naming, family == null ? null : Weighted.of(family),
                maleMiddle == null ? null : Weighted.of(maleMiddle),
                femaleMiddle == null ? null : Weighted.of(femaleMiddle),
                maleGiven == null ? null : Weighted.of(maleGiven),
                femaleGiven == null ? null : Weighted.of(femaleGiven), hamlet));
    }

    static Ethnicity ethnicity(String name) {
        Ethnicity e = GROUPS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("No ethnic group " + name);
        }
        return e;
    }

    /*
     * Ethnic make-up per 2025 province, percent: approximately the 2019 census by old province, merged
     * by population and rounded; small groups folded into their neighbours. Nationally Kinh ~85 %.
     */
    private static final String ETHNIC_MIX = """
            01 Kinh 98.7, Mường 0.8, Tày 0.2, Thái 0.1, Dao 0.1, Hoa 0.1
            04 Tày 40, Nùng 30, H'Mông 11, Dao 10, Kinh 6, Sán Chay 3
            08 Kinh 28, Tày 24, H'Mông 19, Dao 13, Nùng 5, Sán Chay 5, Giáy 2, Sán Dìu 2, Hoa 1, Xinh Mun 1
            11 Thái 38, H'Mông 35, Kinh 19, Khơ Mú 3, Dao 2, Hà Nhì 3
            12 H'Mông 35, Thái 33, Kinh 15, Dao 13, Hà Nhì 4
            14 Thái 53, Kinh 17, H'Mông 17, Mường 8, Dao 2, Xinh Mun 2, Khơ Mú 1
            15 Kinh 45, H'Mông 16, Tày 13, Dao 12, Thái 5, Giáy 3, Nùng 3, Mường 3
            19 Kinh 67, Tày 17, Nùng 6, Dao 5, Sán Dìu 3, H'Mông 1.5, Sán Chay 0.5
            20 Nùng 42, Tày 35, Kinh 16, Dao 4, Sán Chay 1, H'Mông 1, Hoa 1
            22 Kinh 88, Dao 5, Tày 3, Sán Dìu 2, Hoa 1, Sán Chay 1
            24 Kinh 93, Nùng 2.5, Tày 1.5, Sán Chay 1, Sán Dìu 1.5, Hoa 0.5
            25 Kinh 77, Mường 20, Dao 1.5, Tày 0.7, Thái 0.5, Sán Dìu 0.3
            31 Kinh 99.8, Hoa 0.2
            33 Kinh 99.9, Mường 0.1
            37 Kinh 98.7, Mường 1.3
            38 Kinh 84, Mường 9, Thái 6, H'Mông 0.5, Dao 0.5
            40 Kinh 85.5, Thái 10, Khơ Mú 1.3, H'Mông 1, Thổ 2.2
            42 Kinh 99.8, Mường 0.2
            44 Kinh 94, Bru-Vân Kiều 5, Tà Ôi 1
            46 Kinh 96, Tà Ôi 3, Cơ Tu 1
            48 Kinh 95, Cơ Tu 3, Xơ Đăng 1, Hrê 1
            51 Kinh 72, Xơ Đăng 11, Hrê 9, Ba Na 5, Gia Rai 2, Cơ Tu 1
            52 Kinh 72, Gia Rai 17, Ba Na 9, Chăm 1, Hrê 1
            56 Kinh 86, Chăm 8, Raglai 5, Cơ Ho 1
            66 Kinh 76, Ê Đê 13, Nùng 2.5, Tày 2, M'Nông 2, Gia Rai 1.5, Chăm 1, Ba Na 1, Thái 0.5, H'Mông 0.5
            68 Kinh 83, Cơ Ho 6, M'Nông 3, Chăm 2, Nùng 1.5, Tày 1, Hoa 1, Raglai 1, Ê Đê 0.5, Thái 0.5, H'Mông 0.5
            75 Kinh 89, Hoa 3, Xtiêng 3.5, Nùng 2, Tày 1, Khmer 1, M'Nông 0.5
            79 Kinh 93.4, Hoa 5, Khmer 0.8, Chăm 0.2, Tày 0.2, Nùng 0.2, Mường 0.2
            80 Kinh 99, Khmer 0.6, Chăm 0.2, Hoa 0.2
            82 Kinh 99.6, Hoa 0.3, Khmer 0.1
            86 Kinh 90, Khmer 9, Hoa 1
            91 Kinh 88, Khmer 10, Hoa 1.5, Chăm 0.5
            92 Kinh 77, Khmer 19, Hoa 4
            96 Kinh 93, Khmer 5, Hoa 2
            """;

    private static final Map<String, Weighted<Ethnicity>> MIX_BY_PROVINCE = new HashMap<>();

    static {
        for (String line : ETHNIC_MIX.strip().split("\n")) {
            MIX_BY_PROVINCE.put(line.substring(0, 2), Weighted.of(line.substring(3), Tables::ethnicity));
        }
    }

    static Weighted<Ethnicity> ethnicMix(String provinceCode) {
        Weighted<Ethnicity> mix = MIX_BY_PROVINCE.get(provinceCode);
        if (mix == null) {
            throw new IllegalArgumentException("No ethnic make-up for province " + provinceCode);
        }
        return mix;
    }

    // --- Religion -------------------------------------------------------------------------------

    static final String NONE = "Không";

    /*
     * Religion per 2025 province, percent: 2019 census (86.3 % none; Catholic 6.1, Buddhist 4.8,
     * Protestant 1.0, Hòa Hảo 1.0, Cao Đài 0.6) with the known regional weights: Catholics around
     * Nam Định-Ninh Bình, Đồng Nai and Lâm Đồng, Hòa Hảo in An Giang, Cao Đài in Tây Ninh, Protestants
     * in the Central Highlands and the Northwest. "*" is every province not listed.
     */
    private static final String RELIGION_MIX = """
            *  Không 95, Phật giáo 2.3, Công giáo 2.4, Tin lành 0.3
            11 Không 95, Tin lành 3, Phật giáo 1, Công giáo 1
            12 Không 95, Tin lành 3, Phật giáo 1, Công giáo 1
            37 Không 83, Công giáo 15, Phật giáo 2
            38 Không 94, Công giáo 3.5, Phật giáo 2.5
            40 Không 91, Công giáo 6.5, Phật giáo 2.5
            42 Không 89, Công giáo 9, Phật giáo 2
            44 Không 91, Công giáo 5.5, Phật giáo 3, Tin lành 0.5
            46 Không 80, Phật giáo 14, Công giáo 5.5, Tin lành 0.5
            48 Không 91, Phật giáo 5, Công giáo 3, Cao Đài 0.7, Tin lành 0.3
            51 Không 92, Phật giáo 3, Công giáo 3, Tin lành 2
            52 Không 87, Công giáo 6, Tin lành 3, Phật giáo 3, Cao Đài 1
            56 Không 87, Phật giáo 5, Công giáo 7, Bà-la-môn 0.5, Hồi giáo 0.3, Tin lành 0.2
            66 Không 84, Công giáo 8, Tin lành 4, Phật giáo 3, Cao Đài 1
            68 Không 72, Công giáo 20, Tin lành 3, Phật giáo 4, Hồi giáo 0.5, Bà-la-môn 0.5
            75 Không 66, Công giáo 27, Phật giáo 5, Tin lành 1, Cao Đài 1
            79 Không 83, Phật giáo 7, Công giáo 8, Tin lành 0.7, Cao Đài 1, Hồi giáo 0.1, Phật giáo Hòa Hảo 0.2
            80 Không 84, Cao Đài 8, Phật giáo 5, Công giáo 3
            82 Không 85, Phật giáo Hòa Hảo 7, Phật giáo 3, Cao Đài 3.5, Công giáo 1.5
            86 Không 89, Phật giáo 4, Công giáo 4, Cao Đài 2.5, Tin lành 0.5
            91 Không 70, Phật giáo Hòa Hảo 20, Phật giáo 5, Công giáo 3, Cao Đài 1, Hồi giáo 1
            92 Không 82, Phật giáo 5, Phật giáo Hòa Hảo 7, Công giáo 3, Cao Đài 3
            96 Không 90, Phật giáo 3, Công giáo 4, Cao Đài 3
            """;

    /* Groups whose faith is their own more than their province's (2019 census by ethnic group). */
    private static final Map<String, Weighted<String>> RELIGION_BY_GROUP = Map.of(
            "Khmer", Weighted.of("Phật giáo 92, Không 8"),
            "Hoa", Weighted.of("Không 72, Phật giáo 22, Công giáo 5, Tin lành 1"),
            "Chăm", Weighted.of("Bà-la-môn 35, Hồi giáo 35, Không 30"),
            "H'Mông", Weighted.of("Không 78, Tin lành 21, Công giáo 1"),
            "Ê Đê", Weighted.of("Không 58, Tin lành 27, Công giáo 15"),
            "Gia Rai", Weighted.of("Không 62, Tin lành 22, Công giáo 16"),
            "Ba Na", Weighted.of("Không 55, Công giáo 35, Tin lành 10"),
            "M'Nông", Weighted.of("Không 60, Tin lành 25, Công giáo 15"),
            "Cơ Ho", Weighted.of("Không 40, Tin lành 30, Công giáo 30"));

    private static final Map<String, Weighted<String>> RELIGION_BY_PROVINCE = new HashMap<>();

    static {
        for (String line : RELIGION_MIX.strip().split("\n")) {
            RELIGION_BY_PROVINCE.put(line.substring(0, 2).strip(), Weighted.of(line.substring(3)));
        }
    }

    static Weighted<String> religions(String provinceCode, Ethnicity ethnicity) {
        Weighted<String> byGroup = RELIGION_BY_GROUP.get(ethnicity.name());
        if (byGroup != null) {
            return byGroup;
        }
        return RELIGION_BY_PROVINCE.getOrDefault(provinceCode, RELIGION_BY_PROVINCE.get("*"));
    }

    // --- Migration ------------------------------------------------------------------------------

    /*
     * Share of adults born outside the province they live in: an assumption following the 2019 census
     * picture (the two metropolises and the industrial belts draw, the rest sends), ~10 % overall.
     */
    static double migrantShare(String provinceCode) {
        return switch (provinceCode) {
            case "79" -> 0.32;
            case "75" -> 0.20;
            case "01" -> 0.18;
            case "24", "48" -> 0.14;
            case "31", "56" -> 0.09;
            default -> 0.06;
        };
    }

    /** Where temporary residents go: the economic poles (assumption after the 2019 migration streams). */
    static final Weighted<String> TEMPORARY_DESTINATION = Weighted.of(
            "79 40, 01 20, 75 9, 24 8, 48 5, 31 5, 56 3, 25 2, 33 2, 92 2, 80 2, 22 2");

    // --- Addresses ------------------------------------------------------------------------------

    static final Weighted<String> STREETS = Weighted.of("Lê Lợi 3, Trần Hưng Đạo 3, Nguyễn Trãi 3, Quang Trung 3, "
            + "Hai Bà Trưng 3, Lý Thường Kiệt 3, Lê Duẩn 2, Nguyễn Huệ 2, Hùng Vương 3, Phan Chu Trinh 2, "
            + "Phan Bội Châu 2, Điện Biên Phủ 2, Võ Thị Sáu 2, Nguyễn Thị Minh Khai 2, Trần Phú 3, Lê Lai 2, "
            + "Bà Triệu 2, Ngô Quyền 2, Lê Thánh Tông 2, Nguyễn Du 2, Nguyễn Văn Cừ 2, Hoàng Diệu 2, "
            + "Cách Mạng Tháng Tám 2, Ba Mươi Tháng Tư 1, Nguyễn Tất Thành 2, Võ Nguyên Giáp 2, Tôn Đức Thắng 2, "
            + "Lạc Long Quân 2, Âu Cơ 2, Lê Hồng Phong 3, Nguyễn Văn Linh 2, Trường Chinh 2, Phạm Văn Đồng 2, "
            + "Nguyễn Chí Thanh 2, Lý Tự Trọng 2, Nguyễn Đình Chiểu 2, Pasteur 1, Hoàng Văn Thụ 2, Lê Quý Đôn 2, "
            + "Chu Văn An 2, Nguyễn Khuyến 1, Tô Hiến Thành 1, Yết Kiêu 1, Phạm Ngũ Lão 2, Trần Quốc Toản 2, "
            + "Nguyễn Công Trứ 1, Đinh Tiên Hoàng 2, Lý Thái Tổ 2, Lê Đại Hành 1, Bạch Đằng 2, Hàm Nghi 1, "
            + "Duy Tân 1, Nguyễn Thái Học 2, Kim Đồng 1, Thanh Niên 1, Độc Lập 1, Thống Nhất 1, Hòa Bình 1");

    static final String[] HAMLET_SYLLABLE_1 = {"Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Đoài", "Tân",
        "An", "Phú", "Yên", "Vân", "Đại", "Đồng", "Hòa", "Văn", "Thanh", "Xuân", "Hưng"};
    static final String[] HAMLET_SYLLABLE_2 = {"Lập", "Lạc", "Xuân", "Bình", "Tâm", "Tiến", "Nhất", "Phong", "Thọ",
        "Lộc", "Phúc", "Hòa", "Thành", "Sơn", "Trung", "Đông", "Hưng", "Vinh", "Mỹ", "Thịnh"};
    static final String[] AP_SYLLABLE_1 = {"Tân", "An", "Phú", "Bình", "Hòa", "Long", "Thạnh", "Mỹ", "Phước", "Vĩnh",
        "Hưng", "Thới", "Nhơn", "Trường", "Hiệp", "Lợi"};
    static final String[] AP_SYLLABLE_2 = {"Hòa", "Lợi", "Hưng", "Thành", "An", "Đông", "Tây", "Trung", "Thuận",
        "Lộc", "Phú", "Thạnh", "Mỹ", "Long", "Bình", "Quới"};
    static final String[] BAN_SYLLABLE_1 = {"Nà", "Huổi", "Pá", "Nậm", "Phiêng", "Co", "Khau", "Lũng", "Pác", "Hua",
        "Bó", "Nà Cang", "Tà", "Sin"};
    static final String[] BAN_SYLLABLE_2 = {"Sang", "Cang", "Lay", "Mòn", "Tấu", "Khoang", "Nhùng", "Pục", "Hẹ",
        "Luông", "Chải", "Pao", "Chang", "Lếch", "Mú", "Ngòa"};
    static final String[] BUON_NAMES = {"Ko Tam", "Alê", "Kram", "Ea Nao", "Tơng Jú", "Đôn", "Cuăh", "Ea Kmar",
        "Kô Siêr", "Tul", "Jun", "Ea Bông", "Kiều", "Ea Sup", "Bu Đăk", "Yang Reh"};
    static final String[] LANG_NAMES = {"Plei Ơp", "Plei Kly", "Plei Thơ Ga", "Đê Klah", "Kon Klor", "Kon Jơ Ri",
        "Plei Rơ Ngheo", "Đăk Kơ Đem", "Plei Ia Ly", "Kon Hring", "Tơ Drăh", "Plei Mun"};

    static final String AUTHORITY = "Cục Cảnh sát quản lý hành chính về trật tự xã hội";
}
