package io.metacortex.calendar.internal.dav;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A DAV request's XML body read with the JDK's DOM parser, namespace-aware, with no DOCTYPE allowed (so no entity of
 * any kind, internal or external, is expanded) and no external access: malformed XML answers 400.
 */
final class DavRequestBody {

    private final Element root;

    private DavRequestBody(Element root) {
        this.root = root;
    }

    /** @return the body's document element, empty for an empty body */
    static Optional<DavRequestBody> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return Optional.of(new DavRequestBody(
                    builder.parse(new InputSource(new StringReader(body))).getDocumentElement()));
        } catch (SAXException | IOException e) {
            throw malformed("the body is not well-formed XML without a DOCTYPE: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses secure processing", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        try {
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (IllegalArgumentException e) {
            // a parser without these JAXP 1.5 attributes: no DOCTYPE is allowed anyway, so nothing external is read
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    static ApiException malformed(String detail) {
        return new ApiException(400, new ApiError("invalid XML", detail, Map.of("body", detail)));
    }

    Element root() {
        return root;
    }

    static QName name(Element element) {
        return new QName(element.getNamespaceURI() == null ? "" : element.getNamespaceURI(), element.getLocalName());
    }

    static boolean is(Element element, String namespace, String localName) {
        return name(element).equals(new QName(namespace, localName));
    }

    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    static Optional<Element> child(Element parent, String namespace, String localName) {
        return children(parent).stream()
                .filter(e -> is(e, namespace, localName))
                .findFirst();
    }

    /** @return the elements named anywhere below {@code parent}, in document order */
    static List<Element> descendants(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element child : children(parent)) {
            if (is(child, namespace, localName)) {
                found.add(child);
            }
            found.addAll(descendants(child, namespace, localName));
        }
        return found;
    }

    /** @return the names of the properties a {@code DAV:prop} child of {@code parent} asks for; empty when none */
    static Optional<List<QName>> requestedProperties(Element parent) {
        return child(parent, DavXml.DAV, "prop")
                .map(prop -> children(prop).stream().map(DavRequestBody::name).toList());
    }
}
