package jp.sukedachi.app.device;

import java.io.Serial;
import jp.sukedachi.app.shared.DuplicateException;

/**
 * A syslog source address is already held (confirmed or requested) by a device. Says which address, never
 * whose: the holder may be another company.
 */
class AddressTakenException extends DuplicateException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String address;

    public AddressTakenException(String address) {
        super("device.address.taken");
        this.address = address;
    }

    public String address() {
        return address;
    }
}
