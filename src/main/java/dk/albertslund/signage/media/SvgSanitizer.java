package dk.albertslund.signage.media;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes an SVG from the content pack safe to serve: an SVG opened on its own is a
 * document that can run scripts and fetch other resources. The file is parsed without
 * DTDs or entities and rebuilt from an allow-list of drawing elements and attributes,
 * so anything not on the list (script, foreignObject, event handlers, styles, links
 * out of the file) is left behind rather than filtered out.
 */
public final class SvgSanitizer {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    private static final Set<String> ELEMENTS = Set.of(
            "svg", "g", "defs", "title", "desc", "symbol", "use",
            "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
            "text", "tspan", "textPath",
            "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker");

    /** Elements whose text is content (everything else only holds other elements). */
    private static final Set<String> TEXT_ELEMENTS = Set.of("title", "desc", "text", "tspan", "textPath");

    private static final Set<String> ATTRIBUTES = Set.of(
            "id", "class", "version", "viewBox", "preserveAspectRatio", "width", "height", "x", "y",
            "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength",
            "transform", "opacity", "visibility", "display", "color",
            "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
            "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "paint-order",
            "vector-effect", "shape-rendering", "text-rendering",
            "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits",
            "font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor",
            "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
            "text-decoration", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
            "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
            "patternUnits", "patternContentUnits", "patternTransform",
            "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
            "marker-start", "marker-mid", "marker-end",
            "role", "aria-label", "aria-hidden", "aria-labelledby", "aria-describedby");

    /** Only references into the file itself: fill="url(#gradient)" and href="#shape". */
    private static final Pattern LOCAL_FRAGMENT = Pattern.compile("#[A-Za-z_][A-Za-z0-9_.:-]*");
    private static final Pattern URL_REFERENCE = Pattern.compile("url\\(\\s*['\"]?([^)'\"]*)['\"]?\\s*\\)", Pattern.CASE_INSENSITIVE);

    private SvgSanitizer() {
    }

    /** The file could not be read as an SVG at all; the message says why, for the content-pack report. */
    public static final class NotSvg extends IllegalArgumentException {
        NotSvg(String message) {
            super(message);
        }
    }

    /** The sanitised SVG as UTF-8, without an XML declaration. */
    public static byte[] sanitize(byte[] svg) {
        Document source = parse(svg);
        Element root = source.getDocumentElement();
        if (!"svg".equals(root.getLocalName()) || !(root.getNamespaceURI() == null || SVG_NS.equals(root.getNamespaceURI()))) {
            throw new NotSvg("the root element is <" + root.getNodeName() + ">, not <svg>");
        }
        Document clean = newDocument();
        Element svgRoot = copy(root, clean);
        svgRoot.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", SVG_NS);
        clean.appendChild(svgRoot);
        return serialise(clean);
    }

    private static Element copy(Element from, Document into) {
        String name = from.getLocalName();
        Element to = into.createElementNS(SVG_NS, name);
        NamedNodeMap attributes = from.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String value = attribute.getValue();
            if (isHref(attribute)) {
                if (LOCAL_FRAGMENT.matcher(value.strip()).matches()) {
                    to.setAttribute("href", value.strip());
                }
            } else if (attribute.getNamespaceURI() == null && ATTRIBUTES.contains(attribute.getLocalName()) && isSafeValue(value)) {
                to.setAttribute(attribute.getLocalName(), value);
            }
        }
        for (Node child = from.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                if (isSvg(element) && ELEMENTS.contains(element.getLocalName())) {
                    Element copied = copy(element, into);
                    // a <use> whose reference pointed out of the file has nothing left to draw
                    if (!copied.getLocalName().equals("use") || copied.hasAttribute("href")) {
                        to.appendChild(copied);
                    }
                }
            } else if ((child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE)
                    && TEXT_ELEMENTS.contains(name)) {
                to.appendChild(into.createTextNode(child.getNodeValue()));
            }
        }
        return to;
    }

    private static boolean isSvg(Element element) {
        return element.getNamespaceURI() == null || SVG_NS.equals(element.getNamespaceURI());
    }

    private static boolean isHref(Attr attribute) {
        return "href".equals(attribute.getLocalName())
                && (attribute.getNamespaceURI() == null || XLINK_NS.equals(attribute.getNamespaceURI()));
    }

    /** A paint or clip reference must stay inside the file; script-ish values never pass. */
    private static boolean isSafeValue(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.contains("javascript:") || lower.contains("expression(")) {
            return false;
        }
        int references = lower.split("url\\(", -1).length - 1;
        int local = 0;
        var matcher = URL_REFERENCE.matcher(value);
        while (matcher.find()) {
            if (!LOCAL_FRAGMENT.matcher(matcher.group(1).strip()).matches()) {
                return false;
            }
            local++;
        }
        return local == references;
    }

    private static Document parse(byte[] svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // No DTD at all: entity expansion ("billion laughs") and external entities need one.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new InputSource(new ByteArrayInputStream(svg)));
        } catch (SAXException e) {
            throw new NotSvg("it is not well-formed XML without a DTD (" + e.getMessage() + ")");
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser could not be set up safely", e);
        }
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialise(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("The sanitised SVG could not be written", e);
        }
    }
}
