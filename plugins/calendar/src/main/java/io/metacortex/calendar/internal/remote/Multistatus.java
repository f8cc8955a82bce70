package io.metacortex.calendar.internal.remote;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A WebDAV 207 Multi-Status answer: each response's href (resolved against the request's URI), its status (a
 * removed member of a sync-collection is {@code 404}) and its properties found ({@code 200} propstats only).
 */
record Multistatus(List<Member> members, Optional<String> syncToken) {

    /** One {@code DAV:response}. */
    record Member(URI href, int status, List<Element> props) {

        Optional<Element> prop(String ns, String name) {
            return props.stream()
                    .filter(p -> ns.equals(p.getNamespaceURI()) && name.equals(p.getLocalName()))
                    .findFirst();
        }

        /** @return the property's text, trimmed; empty when missing or blank */
        Optional<String> text(String ns, String name) {
            return prop(ns, name).map(p -> p.getTextContent().strip()).filter(t -> !t.isEmpty());
        }

        /** @return the {@code DAV:href} inside the property (current-user-principal, calendar-home-set) */
        Optional<URI> hrefIn(String ns, String name, URI base) {
            return prop(ns, name).flatMap(DavXml::href).map(base::resolve);
        }
    }

    static Multistatus parse(String xml, URI base) {
        Document doc = DavXml.parse(xml);
        Element root = doc.getDocumentElement();
        if (!DavXml.DAV.equals(root.getNamespaceURI()) || !"multistatus".equals(root.getLocalName())) {
            throw new DavException("the CalDAV server answered something else than a DAV:multistatus");
        }
        List<Member> members = new ArrayList<>();
        for (Element response : DavXml.children(root, DavXml.DAV, "response")) {
            Optional<String> href = DavXml.href(response);
            if (href.isEmpty()) {
                continue;
            }
            int status = DavXml.child(response, DavXml.DAV, "status")
                    .map(s -> status(s.getTextContent()))
                    .orElse(200);
            List<Element> props = new ArrayList<>();
            for (Element propstat : DavXml.children(response, DavXml.DAV, "propstat")) {
                int propStatus = DavXml.child(propstat, DavXml.DAV, "status")
                        .map(s -> status(s.getTextContent()))
                        .orElse(200);
                if (propStatus / 100 != 2) {
                    continue;
                }
                DavXml.child(propstat, DavXml.DAV, "prop").ifPresent(prop -> {
                    for (org.w3c.dom.Node n = prop.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element e) {
                            props.add(e);
                        }
                    }
                });
            }
            members.add(new Member(base.resolve(href.get()), status, props));
        }
        Optional<String> token = DavXml.child(root, DavXml.DAV, "sync-token")
                .map(t -> t.getTextContent().strip())
                .filter(t -> !t.isEmpty());
        return new Multistatus(members, token);
    }

    /** @return the code of a status line such as {@code HTTP/1.1 404 Not Found}; 500 when there is none */
    private static int status(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length >= 2) {
            try {
                return Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return 500;
            }
        }
        return 500;
    }

    Optional<Member> member(URI href) {
        return members.stream().filter(m -> m.href().equals(href)).findFirst();
    }
}
