package io.metacortex.calendar.internal.dav;

import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Writes the XML the server answers: a {@code DAV:multistatus} of responses (RFC 4918 13), and {@code DAV:error}
 * bodies naming a failed precondition. The four namespaces it knows get fixed prefixes; a property of another
 * namespace (one a client asked for and the server lacks) declares its own.
 */
final class DavXml {

    static final String DAV = "DAV:";
    static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    static final String CALENDAR_SERVER = "http://calendarserver.org/ns/";
    static final String APPLE = "http://apple.com/ns/ical/";
    /** The namespace of the readable message an error body adds to its precondition. */
    static final String METACORTEX = "urn:metacortex:dav";

    private static final Map<String, String> PREFIXES =
            Map.of(DAV, "d", CALDAV, "c", CALENDAR_SERVER, "cs", APPLE, "a", METACORTEX, "m");
    private static final String DECLARATIONS = " xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\" xmlns:cs=\""
            + CALENDAR_SERVER + "\" xmlns:a=\"" + APPLE + "\" xmlns:m=\"" + METACORTEX + "\"";

    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");

    private DavXml() {}

    static DavXml multistatus() {
        DavXml xml = new DavXml();
        xml.out.append("<d:multistatus").append(DECLARATIONS).append('>');
        return xml;
    }

    /**
     * A response with a propstat for the properties found (200) and one for those asked for and missing (404).
     *
     * @param found each property's content, already XML
     */
    DavXml response(String href, Map<QName, String> found, List<QName> missing) {
        out.append("<d:response>").append(href(href));
        propstat(found, 200);
        if (!missing.isEmpty()) {
            out.append("<d:propstat><d:prop>");
            missing.forEach(name -> out.append(element(name, "")));
            out.append("</d:prop>").append(status(404)).append("</d:propstat>");
        }
        out.append("</d:response>");
        return this;
    }

    /** A response of one propstat per status, each listing its properties empty (PROPPATCH). */
    DavXml response(String href, Map<Integer, List<QName>> byStatus) {
        out.append("<d:response>").append(href(href));
        byStatus.forEach((code, names) -> {
            out.append("<d:propstat><d:prop>");
            names.forEach(name -> out.append(element(name, "")));
            out.append("</d:prop>").append(status(code)).append("</d:propstat>");
        });
        out.append("</d:response>");
        return this;
    }

    /** A response holding a status alone: a member that is gone (404 in a sync-collection) or was never there. */
    DavXml response(String href, int code) {
        out.append("<d:response>").append(href(href)).append(status(code)).append("</d:response>");
        return this;
    }

    DavXml syncToken(String token) {
        out.append("<d:sync-token>").append(escape(token)).append("</d:sync-token>");
        return this;
    }

    String end() {
        return out.append("</d:multistatus>\n").toString();
    }

    private void propstat(Map<QName, String> found, int code) {
        if (found.isEmpty()) {
            return;
        }
        out.append("<d:propstat><d:prop>");
        found.forEach((name, content) -> out.append(element(name, content)));
        out.append("</d:prop>").append(status(code)).append("</d:propstat>");
    }

    /** A {@code DAV:error} body: the precondition (or postcondition) element and a readable message beside it. */
    static String error(String namespace, String condition, String message) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error" + DECLARATIONS + ">"
                + element(new QName(namespace, condition), "") + "<m:message>" + escape(message) + "</m:message>"
                + "</d:error>\n";
    }

    /** @param content the element's content, already XML */
    static String element(QName name, String content) {
        String prefix = PREFIXES.get(name.getNamespaceURI());
        String tag = prefix == null ? "x:" + name.getLocalPart() : prefix + ":" + name.getLocalPart();
        String declaration = prefix == null ? " xmlns:x=\"" + escape(name.getNamespaceURI()) + "\"" : "";
        return content.isEmpty()
                ? "<" + tag + declaration + "/>"
                : "<" + tag + declaration + ">" + content + "</" + tag + ">";
    }

    static String element(String namespace, String name, String content) {
        return element(new QName(namespace, name), content);
    }

    static String href(String path) {
        return "<d:href>" + escape(path) + "</d:href>";
    }

    static String status(int code) {
        String reason = switch (code) {
            case 200 -> "OK";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 424 -> "Failed Dependency";
            default -> "Status";
        };
        return "<d:status>HTTP/1.1 " + code + " " + reason + "</d:status>";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\r' -> escaped.append("&#13;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
