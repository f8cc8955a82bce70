package io.metacortex.outbound;

import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What one attempt got: the answer, and whether its status asks for another attempt (its body was then discarded)
 * and after how long ({@code Retry-After}, or null).
 */
record Attempt<T>(HttpResponse<T> response, boolean retryable, Duration retryAfter) {

    int status() {
        return response.statusCode();
    }
}
