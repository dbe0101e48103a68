package org.ketnoi.population.generator;

/**
 * An ethnic group and how its members' names are built. Null tables mean "as the Kinh do": many
 * minorities register Vietnamese-style names, and a few groups differ enough to model.
 */
record Ethnicity(String name, Naming naming, Weighted<String> familyNames, Weighted<String> maleMiddle,
        Weighted<String> femaleMiddle, Weighted<String> maleGiven, Weighted<String> femaleGiven, Hamlet hamlet) {

    enum Naming {
        /** Family, middle, given: Nguyễn Văn An. */
        KINH,
        /** Ê Đê and neighbours: Y Bih Niê, H'Hen Niê (the family name last). */
        EDE,
        /** Central Highlands groups without family names: A Sáu, Y Nhi. */
        A_Y,
        /** Family and given, no middle: Ksor Blik. */
        FAMILY_GIVEN
    }

    /** What a rural address calls the settlement. */
    enum Hamlet { THON, BAN, BUON, LANG, AP }
}
