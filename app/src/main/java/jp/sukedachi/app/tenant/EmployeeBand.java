package jp.sukedachi.app.tenant;

/** Company size in employees; the bands follow the SME definitions' breakpoints (5, 20, 50, 100, 300). */
public enum EmployeeBand {
    UP_TO_5("1-5"), UP_TO_20("6-20"), UP_TO_50("21-50"), UP_TO_100("51-100"), UP_TO_300("101-300"), OVER_300("301+");

    private final String code;

    EmployeeBand(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String labelKey() {
        return "band." + name();
    }

    public static EmployeeBand parse(String text) {
        for (EmployeeBand band : values()) {
            if (band.code.equals(text) || band.name().equals(text)) {
                return band;
            }
        }
        throw new IllegalArgumentException("employee band must be one of 1-5, 6-20, 21-50, 51-100, 101-300, 301+; got: " + text);
    }
}
