package jp.sukedachi.app.device;

/** A confirmed syslog source address with its device and the device's charset setting, for the syslog receivers. */
public record DeviceRoute(String address, Device device, String charset) {
}
