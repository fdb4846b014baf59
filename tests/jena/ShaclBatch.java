// Validates many data files against one shapes file with Jena SHACL, in one JVM
// (tests/test_shacl_portability.py). Run as a single-file program:
//   java -cp <jena jars> ShaclBatch.java SHAPES.ttl DATA1.nt DATA2.nt ...
// Prints one line per validation result, tab-separated:
//   data file, focus node, constraint component, path, source shape, value
// and "data file<TAB>CONFORMS" for a file without results; "ERROR<TAB>message" when the
// shapes cannot be parsed (Jena refuses some shapes other engines accept).
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;

public class ShaclBatch {
    static String text(Node n) {
        return n == null ? "-" : n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : "_:";
    }

    public static void main(String[] args) {
        Shapes shapes;
        try {
            shapes = Shapes.parse(RDFDataMgr.loadGraph(args[0]));
        } catch (RuntimeException e) {
            System.out.println("ERROR\t" + e.getMessage().replace('\n', ' '));
            return;
        }
        for (int i = 1; i < args.length; i++) {
            Graph data = RDFDataMgr.loadGraph(args[i]);
            ValidationReport report = ShaclValidator.get().validate(shapes, data);
            if (report.conforms()) {
                System.out.println(args[i] + "\tCONFORMS");
                continue;
            }
            for (ReportEntry e : report.getEntries()) {
                String path = e.resultPath() == null ? "-" : e.resultPath().toString();
                System.out.println(String.join("\t", args[i], text(e.focusNode()),
                    text(e.constraint().getComponent()), path, text(e.source()), text(e.value())));
            }
        }
    }
}
