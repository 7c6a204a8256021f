package jp.sukedachi.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void canonicalUuidTextRoundTrips() {
        TenantId id = TenantId.random();
        assertThat(TenantId.parse(id.toString())).isEqualTo(id);
        DeviceId device = DeviceId.random();
        assertThat(DeviceId.parse(device.toString())).isEqualTo(device);
    }

    @Test
    void shortFormsAndGarbageAreRejectedWithTheInputNamed() {
        assertThatThrownBy(() -> TenantId.parse("1-2-3-4-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant id").hasMessageContaining("1-2-3-4-5");
        assertThatThrownBy(() -> DeviceId.parse(null)).hasMessageContaining("device id");
        assertThatThrownBy(() -> TenantId.parse("x".repeat(500))).hasMessageEndingWith("…");
    }

    @Test
    void tenantAndDeviceIdsAreDifferentTypesEvenForTheSameUuid() {
        var uuid = java.util.UUID.randomUUID();
        assertThat((Object) new TenantId(uuid)).isNotEqualTo(new DeviceId(uuid));
    }
}
