package io.metacortex.calendar.internal.feeds;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A feed's URL: {@code http} or {@code https} ({@code webcal} is read as {@code https}, as calendar apps do). Its
 * user info, if any, is sent as HTTP Basic and masked ({@code ***}) wherever the URL is shown.
 */
record FeedUrl(URI uri) {

    /** @return the URL, or empty when it is not an absolute http(s) URL with a host */
    static Optional<FeedUrl> parse(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("webcal")) {
                uri = new URI("https" + uri.toString().substring("webcal".length()));
                scheme = "https";
            }
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.isOpaque()) {
                return Optional.empty();
            }
            return Optional.of(new FeedUrl(uri));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    String host() {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    /** @return the URL as stored and fetched */
    String text() {
        return uri.toString();
    }

    /** @return the URL to show: its user info replaced by {@code ***} */
    String masked() {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    /** @return the {@code Authorization} header for the URL's user info */
    Optional<String> basicAuthorization() {
        String userInfo = uri.getUserInfo();
        if (userInfo == null) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the URL without its user info, as requested */
    URI target() {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
    }
}
