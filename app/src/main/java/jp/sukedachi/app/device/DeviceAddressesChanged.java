package jp.sukedachi.app.device;

/** Published after a change that can alter syslog routing has committed, so the receivers apply it at once. */
public record DeviceAddressesChanged() {
}
