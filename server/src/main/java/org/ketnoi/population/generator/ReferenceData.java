package org.ketnoi.population.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ketnoi.agency.BirthRegistrationProvinces;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The geography the generator draws from: the 34 provinces and 3,321 communes of 2025 (classpath
 * {@code reference/vn-administrative-units-2025.json}), the 63 older provinces that ID numbers
 * still carry, and which commune lies in which older province. Immutable and loaded once per JVM.
 */
final class ReferenceData {

    /*
     * The 2025 merger: new province <- old provinces, each as code@first commune code:population.
     * A 2025 commune kept the code of one of the communes it absorbed, and the old codes ran in
     * old-province order, so a commune's code says which old province it was in; the first codes
     * below sit in the gaps between neighbours (checked against the commune names).
     * Populations in thousands: GSO 2023-2024 estimates per old province, rounded; HCMC raised to
     * ~10 M so the merged city is ~14 M as registered residents count it. Total ~100.7 M.
     */
    private static final String MERGER = """
            01 001@0:8719
            04 004@0:543
            08 002@0:906 008@2000:805
            11 011@0:640
            12 012@0:482
            14 014@0:1300
            15 010@0:770 015@4000:847
            19 006@0:326 019@5000:1336
            20 020@0:802
            22 022@0:1362
            24 024@0:1922 027@9000:1489
            25 017@0:880 025@7000:1517 026@8700:1197
            31 030@0:1947 031@11300:2097
            33 033@0:1290 034@12440:1878
            37 035@0:880 036@13650:1887 037@14320:1010
            38 038@0:3760
            40 040@0:3470
            42 042@0:1323
            44 044@0:915 045@19330:650
            46 046@0:1160
            48 048@0:1245 049@20335:1519
            51 051@0:1245 062@22000:580
            52 052@0:1505 064@23000:1590
            56 056@0:1253 058@22737:598
            66 054@0:877 066@23000:1918
            68 060@0:1250 067@24000:670 068@24770:1332
            75 070@0:1030 075@25500:3255
            79 074@0:2820 077@26500:1210 079@26734:10000
            80 072@0:1190 080@27000:1734
            82 082@0:1790 087@29000:1600
            86 083@0:1300 084@29240:1020 086@29550:1030
            91 089@0:1910 091@30730:1760
            92 092@0:1260 093@31318:730 094@31500:1200
            96 095@0:920 096@32000:1210
            """;

    /** Urban wards hold more people than rural communes; a mild skew is enough. */
    private static final double URBAN_WEIGHT = 1.8;

    enum Region { NORTH, CENTRAL, SOUTH }

    record Province(int index, String code, String name, Region region, int[] communes, int[] oldProvinces,
            int population, Alias communeWeights) {
    }

    record OldProvince(int index, String code, String name, int population, int province, int[] communes) {
    }

    final List<Province> provinces;
    final List<OldProvince> oldProvinces;
    final String[] communeCode;
    final boolean[] communeUrban;
    final int[] communeProvince;
    final int[] communeOldProvince;
    /** Over all communes, weighted by the population of their old province. */
    final Alias communeWeights;
    /** Over the old provinces, by population: where migrants were born. */
    final Alias oldProvinceWeights;
    private final Map<String, Province> byCode;

    private static final class Holder {
        static final ReferenceData INSTANCE = new ReferenceData();
    }

    static ReferenceData get() {
        return Holder.INSTANCE;
    }

    private ReferenceData() {
        JsonNode root;
        try (InputStream in = ReferenceData.class.getClassLoader()
                .getResourceAsStream("reference/vn-administrative-units-2025.json")) {
            if (in == null) {
                throw new IllegalStateException("reference/vn-administrative-units-2025.json is not on the classpath");
            }
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String[]> merger = new HashMap<>();
        for (String line : MERGER.strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            merger.put(parts[0], Arrays.copyOfRange(parts, 1, parts.length));
        }
        Map<String, String> oldNames = BirthRegistrationProvinces.all();

        List<String> codes = new ArrayList<>();
        List<Boolean> urban = new ArrayList<>();
        List<Integer> provinceOf = new ArrayList<>();
        List<Integer> oldOf = new ArrayList<>();
        List<Province> provinceList = new ArrayList<>();
        List<OldProvince> oldList = new ArrayList<>();
        List<List<Integer>> oldCommunes = new ArrayList<>();
        List<Double> communeWeights = new ArrayList<>();

        for (JsonNode p : root) {
            String code = p.get("Code").asString();
            String[] olds = merger.get(code);
            if (olds == null) {
                throw new IllegalStateException("Province " + code + " is not in the merger table");
            }
            int provinceIndex = provinceList.size();
            int firstOld = oldList.size();
            int[] starts = new int[olds.length];
            int[] oldPopulation = new int[olds.length];
            for (int i = 0; i < olds.length; i++) {
                String oldCode = olds[i].substring(0, 3);
                if (!oldNames.containsKey(oldCode)) {
                    throw new IllegalStateException("Old province " + oldCode + " is not a birth-registration code");
                }
                starts[i] = Integer.parseInt(olds[i].substring(4, olds[i].indexOf(':')));
                oldPopulation[i] = Integer.parseInt(olds[i].substring(olds[i].indexOf(':') + 1));
                oldList.add(new OldProvince(firstOld + i, oldCode, nfc(oldNames.get(oldCode)), oldPopulation[i],
                        provinceIndex, null));
                oldCommunes.add(new ArrayList<>());
            }
            List<JsonNode> wards = new ArrayList<>();
            p.get("Wards").forEach(wards::add);
            wards.sort((a, b) -> a.get("Code").asString().compareTo(b.get("Code").asString()));
            int firstCommune = codes.size();
            double[] urbanCount = new double[olds.length];
            for (JsonNode w : wards) {
                String wardCode = w.get("Code").asString();
                int n = Integer.parseInt(wardCode);
                int part = 0;
                while (part + 1 < olds.length && n >= starts[part + 1]) {
                    part++;
                }
                boolean isUrban = !w.get("FullName").asString().startsWith("Xã")
                        && !w.get("FullName").asString().startsWith("xã");
                oldCommunes.get(firstOld + part).add(codes.size());
                codes.add(wardCode);
                urban.add(isUrban);
                provinceOf.add(provinceIndex);
                oldOf.add(firstOld + part);
                urbanCount[part] += isUrban ? URBAN_WEIGHT : 1;
            }
            int[] communes = new int[codes.size() - firstCommune];
            double[] weights = new double[communes.length];
            for (int i = 0; i < communes.length; i++) {
                int c = firstCommune + i;
                communes[i] = c;
                int part = oldOf.get(c) - firstOld;
                if (urbanCount[part] == 0) {
                    throw new IllegalStateException("Old province " + olds[part] + " has no commune in " + code);
                }
                double weight = oldPopulation[part] * (urban.get(c) ? URBAN_WEIGHT : 1) / urbanCount[part];
                communeWeights.add(weight);
                weights[i] = weight;
            }
            int[] oldIndexes = new int[olds.length];
            for (int i = 0; i < olds.length; i++) {
                oldIndexes[i] = firstOld + i;
                if (oldCommunes.get(firstOld + i).isEmpty()) {
                    throw new IllegalStateException("Old province " + olds[i] + " has no commune in " + code);
                }
            }
            provinceList.add(new Province(provinceIndex, code, nfc(p.get("Name").asString()), regionOf(code), communes,
                    oldIndexes, Arrays.stream(oldPopulation).sum(), new Alias(weights)));
        }
        if (oldList.size() != oldNames.size()) {
            throw new IllegalStateException("The merger table covers " + oldList.size() + " old provinces, not "
                    + oldNames.size());
        }
        for (int i = 0; i < oldList.size(); i++) {
            OldProvince o = oldList.get(i);
            oldList.set(i, new OldProvince(o.index(), o.code(), o.name(), o.population(), o.province(),
                    oldCommunes.get(i).stream().mapToInt(Integer::intValue).toArray()));
        }
        this.provinces = List.copyOf(provinceList);
        this.oldProvinces = List.copyOf(oldList);
        this.communeCode = codes.toArray(String[]::new);
        this.communeUrban = new boolean[codes.size()];
        this.communeProvince = provinceOf.stream().mapToInt(Integer::intValue).toArray();
        this.communeOldProvince = oldOf.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < codes.size(); i++) {
            communeUrban[i] = urban.get(i);
        }
        this.communeWeights = new Alias(communeWeights.stream().mapToDouble(Double::doubleValue).toArray());
        this.oldProvinceWeights = new Alias(oldList.stream().mapToDouble(OldProvince::population).toArray());
        Map<String, Province> index = new HashMap<>();
        provinceList.forEach(p -> index.put(p.code(), p));
        this.byCode = Map.copyOf(index);
    }

    Province province(String code) {
        Province p = byCode.get(code);
        if (p == null) {
            throw new IllegalArgumentException("No province " + code);
        }
        return p;
    }

    /** Draws a commune of the province, weighted as for the whole country. */
    int communeIn(Province p, Rng rng) {
        return p.communes()[p.communeWeights().sample(rng)];
    }

    private static Region regionOf(String code) {
        int n = Integer.parseInt(code);
        // Huỳnh/Võ for Hoàng/Vũ, ấp for thôn: from Quảng Nam southwards; Quảng Trị and Huế in between
        return n <= 42 ? Region.NORTH : n <= 46 ? Region.CENTRAL : Region.SOUTH;
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
