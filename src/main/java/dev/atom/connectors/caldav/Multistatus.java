package dev.atom.connectors.caldav;

import dev.atom.connectors.ConnectorException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A WebDAV 207 multistatus (RFC 4918), parsed without DTDs or external entities: each response's href and the
 * properties of its 200 propstat, keyed {@code namespace|local-name}. Immutable.
 */
record Multistatus(List<Response> responses) {
    static final String DAV = "DAV:";
    static final String CALDAV = "urn:ietf:params:xml:ns:caldav";

    record Response(String href, Map<String, Element> props) {
        Element prop(String ns, String local) {
            return props.get(ns + "|" + local);
        }

        String text(String ns, String local) {
            Element e = prop(ns, local);
            return e == null ? null : e.getTextContent().strip();
        }

        /** The first DAV:href inside a property (current-user-principal, calendar-home-set). */
        String hrefIn(String ns, String local) {
            Element e = prop(ns, local);
            if (e == null) {
                return null;
            }
            var hrefs = e.getElementsByTagNameNS(DAV, "href");
            return hrefs.getLength() == 0
                    ? null
                    : hrefs.item(0).getTextContent().strip();
        }

        boolean has(String ns, String local, String childNs, String childLocal) {
            Element e = prop(ns, local);
            return e != null && e.getElementsByTagNameNS(childNs, childLocal).getLength() > 0;
        }

        /** The {@code name} attributes of a property's children (supported-calendar-component-set). */
        List<String> childNames(String ns, String local) {
            List<String> names = new ArrayList<>();
            Element e = prop(ns, local);
            if (e != null) {
                for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element child && child.hasAttribute("name")) {
                        names.add(child.getAttribute("name"));
                    }
                }
            }
            return names;
        }
    }

    static Multistatus parse(byte[] body) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            // fatal errors throw; nothing is printed to stderr
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            doc = builder.parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new ConnectorException.Permanent(0, "the CalDAV server's answer is not WebDAV XML");
        }
        List<Response> out = new ArrayList<>();
        var responses = doc.getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element r = (Element) responses.item(i);
            String href = child(r, "href") == null
                    ? null
                    : child(r, "href").getTextContent().strip();
            Map<String, Element> props = new LinkedHashMap<>();
            for (Node n = r.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element ps
                        && DAV.equals(ps.getNamespaceURI())
                        && "propstat".equals(ps.getLocalName())) {
                    Element status = child(ps, "status");
                    Element prop = child(ps, "prop");
                    if (prop == null
                            || (status != null && !status.getTextContent().contains(" 200"))) {
                        continue;
                    }
                    for (Node p = prop.getFirstChild(); p != null; p = p.getNextSibling()) {
                        if (p instanceof Element pe) {
                            props.put(pe.getNamespaceURI() + "|" + pe.getLocalName(), pe);
                        }
                    }
                }
            }
            out.add(new Response(href, props));
        }
        return new Multistatus(List.copyOf(out));
    }

    private static Element child(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && DAV.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
