package io.streamhub.viewing.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PriceTiersTest {

    static final String CLOUDFRONT = "10240:0.085,51200:0.080,153600:0.060,512000:0.040,1048576:0.030,5242880:0.025,*:0.020";

    @Test
    void eachTierPricesTheGigabytesWithinIt() {
        PriceTiers cf = PriceTiers.parse(CLOUDFRONT);
        assertEquals(1125 * 0.085, cf.cost(1125), 1e-9, "all in the first tier");
        assertEquals(10240 * 0.085 + 40960 * 0.080 + 61300 * 0.060, cf.cost(112_500), 1e-6);
        double tenPb = cf.cost(10_485_760);
        assertTrue(tenPb / 10_485_760 < 0.025, "at volume the average falls toward $0.02/GB: " + tenPb / 10_485_760);
        assertEquals(562.5, PriceTiers.parse("*:0.005").cost(112_500), 1e-9);
    }

    @Test
    void badTablesAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> PriceTiers.parse("0.005"));
        assertThrows(IllegalArgumentException.class, () -> PriceTiers.parse("100:0.1"));
        assertThrows(IllegalArgumentException.class, () -> PriceTiers.parse("100:0.1,50:0.2,*:0.1"));
        assertThrows(IllegalArgumentException.class, () -> PriceTiers.parse("*:-1"));
    }
}
