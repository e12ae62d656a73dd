// What Protégé does when it opens a file: parse it with the OWL API, resolving owl:imports through the
// catalog-v001.xml beside the file (as Protégé does), check the OWL 2 DL profile, and classify with HermiT.
// Run by tests/build/test_owl_dl.py against the jars that owlready2 ships.
// Usage: java OwlDlCheck FILE…  — a report per file (after "== FILE"); exit 0 when every file is DL,
// consistent and has no unsatisfiable class. One JVM for many files: HermiT is quick, the JVM's start is not.
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWL2RLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class OwlDlCheck {
    /** The catalog's name -> file entries, resolved against the catalog's folder. */
    static Map<String, IRI> catalog(File folder) throws Exception {
        Map<String, IRI> entries = new HashMap<>();
        File file = new File(folder, "catalog-v001.xml");
        if (!file.isFile()) return entries;
        NodeList uris = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getElementsByTagName("uri");
        for (int i = 0; i < uris.getLength(); i++) {
            Element uri = (Element) uris.item(i);
            entries.put(uri.getAttribute("name"), IRI.create(new File(folder, uri.getAttribute("uri")).getCanonicalFile()));
        }
        return entries;
    }

    public static void main(String[] args) throws Exception {
        boolean allFine = true;
        for (String arg : args) {
            System.out.println("== " + arg);
            allFine &= check(new File(arg).getAbsoluteFile());
        }
        System.exit(allFine ? 0 : 1);
    }

    static boolean check(File document) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        Map<String, IRI> entries = catalog(document.getParentFile());
        manager.addIRIMapper(iri -> entries.get(iri.toString()));
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(document);
        System.out.println("axioms: " + ontology.getAxiomCount());
        System.out.println("imports: " + ontology.getImports().size());
        for (AxiomType<?> type : new AxiomType<?>[] {AxiomType.CLASS_ASSERTION, AxiomType.OBJECT_PROPERTY_ASSERTION,
                AxiomType.DATA_PROPERTY_ASSERTION, AxiomType.ANNOTATION_ASSERTION}) {
            System.out.println(type.getName() + ": " + ontology.getAxiomCount(type));
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        System.out.println("profile violations: " + report.getViolations().size());
        for (OWLProfileViolation violation : report.getViolations()) {
            System.out.println("  violation: " + violation);
        }
        // Informational: axioms beyond OWL 2 RL are ones owlrl cannot draw conclusions from.
        OWLProfileReport rl = new OWL2RLProfile().checkOntology(ontology);
        System.out.println("RL profile violations: " + rl.getViolations().size());
        for (OWLProfileViolation violation : rl.getViolations()) {
            System.out.println("  RL violation: " + violation);
        }
        Reasoner reasoner = new Reasoner(ontology);
        boolean consistent = reasoner.isConsistent();
        System.out.println("consistent: " + consistent);
        int unsatisfiable = 0;
        if (consistent) {
            Set<OWLClass> bottom = reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom();
            unsatisfiable = bottom.size();
            for (OWLClass cls : bottom) {
                System.out.println("  unsatisfiable: " + cls.getIRI());
            }
        }
        System.out.println("unsatisfiable classes: " + unsatisfiable);
        return report.getViolations().isEmpty() && consistent && unsatisfiable == 0;
    }
}
