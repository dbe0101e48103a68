package org.ketnoi.dossier;

import java.util.Arrays;
import java.util.Locale;

/**
 * The 10 status codes the National Public Service Portal prescribes (TrangThaiHoSo); every dossier is
 * in exactly one, and ministries' and provinces' systems report them with these numbers.
 */
public enum DossierStatus {
    SUBMITTED(1, "Mới đăng ký", "Submitted"),
    RECEIVED(2, "Được tiếp nhận", "Received"),
    REFUSED(3, "Không được tiếp nhận", "Not received"),
    PROCESSING(4, "Đang xử lý", "Being processed"),
    SUPPLEMENT_REQUESTED(5, "Yêu cầu bổ sung giấy tờ", "Supplement requested"),
    PAYMENT_REQUESTED(6, "Yêu cầu thực hiện nghĩa vụ tài chính", "Payment requested"),
    WITHDRAWN(7, "Công dân yêu cầu rút hồ sơ", "Withdrawn by the applicant"),
    STOPPED(8, "Dừng xử lý", "Processing stopped"),
    PROCESSED(9, "Đã xử lý xong", "Processed"),
    RESULT_RETURNED(10, "Đã trả kết quả", "Result returned");

    private final int code;
    private final String nameVi;
    private final String nameEn;

    DossierStatus(int code, String nameVi, String nameEn) {
        this.code = code;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public int code() {
        return code;
    }

    public String label(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameVi;
    }

    public static DossierStatus of(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No dossier status has the code " + code));
    }

    /**
     * The GOV.UK tag colour pages show the status in, the same wherever it appears: done green, ended
     * without a result red, waiting on the applicant yellow, in progress blue.
     */
    public String tagClass() {
        return switch (this) {
            case PROCESSED, RESULT_RETURNED -> "govuk-tag--green";
            case REFUSED, WITHDRAWN, STOPPED -> "govuk-tag--red";
            case SUPPLEMENT_REQUESTED, PAYMENT_REQUESTED -> "govuk-tag--yellow";
            default -> "govuk-tag--blue";
        };
    }

    /** A status no process step follows. */
    public boolean isFinal() {
        return this == REFUSED || this == WITHDRAWN || this == STOPPED || this == RESULT_RETURNED;
    }
}
