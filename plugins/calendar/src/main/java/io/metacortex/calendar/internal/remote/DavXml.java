package io.metacortex.calendar.internal.remote;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * WebDAV XML with the JDK's parser: namespace-aware, with DOCTYPEs (and so external entities) refused, and the
 * request bodies this client sends.
 */
final class DavXml {

    static final String DAV = "DAV:";
    static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    static final String CALSERVER = "http://calendarserver.org/ns/";

    private DavXml() {}

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        } catch (SAXException | IOException e) {
            throw new DavException("the CalDAV server answered XML that cannot be read");
        }
    }

    /** @return the child elements of {@code parent} named {@code ns}:{@code name} */
    static List<Element> children(Element parent, String ns, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    static Optional<Element> child(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** @return the text of the first {@code DAV:href} inside {@code parent}, trimmed */
    static Optional<String> href(Element parent) {
        return child(parent, DAV, "href").map(e -> e.getTextContent().strip());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    static final String PRINCIPAL = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>
            """;

    static final String HOME_SET = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:prop><c:calendar-home-set/></d:prop>
            </d:propfind>
            """;

    static final String CALENDARS = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/">
              <d:prop><d:resourcetype/><d:displayname/><cs:getctag/><d:sync-token/>
                <c:supported-calendar-component-set/></d:prop>
            </d:propfind>
            """;

    static final String COLLECTION_STATE = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
              <d:prop><cs:getctag/><d:sync-token/></d:prop>
            </d:propfind>
            """;

    static final String ETAG = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>
            """;

    /** A calendar-query for the href and etag of every VEVENT object: the listing compared when there is no sync. */
    static final String EVENT_ETAGS = """
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:prop><d:getetag/></d:prop>
              <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter>
            </c:calendar-query>
            """;

    static String syncCollection(String token) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <d:sync-collection xmlns:d="DAV:">
                  <d:sync-token>%s</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>
                </d:sync-collection>
                """.formatted(token == null ? "" : escape(token));
    }

    static String multiget(List<String> hrefs) {
        StringBuilder body = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><d:getetag/><c:calendar-data/></d:prop>
                """);
        hrefs.forEach(h -> body.append("  <d:href>").append(escape(h)).append("</d:href>\n"));
        return body.append("</c:calendar-multiget>\n").toString();
    }
}
