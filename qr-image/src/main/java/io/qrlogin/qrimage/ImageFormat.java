package io.qrlogin.qrimage;

import java.util.Locale;
import java.util.Optional;

/** The image formats a QR code is rendered in. */
public enum ImageFormat {

    PNG("image/png"), SVG("image/svg+xml");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return this.mediaType;
    }

    /** The format named {@code name} ({@code png} or {@code svg}, any case). */
    public static Optional<ImageFormat> named(String name) {
        for (ImageFormat format : values()) {
            if (format.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
