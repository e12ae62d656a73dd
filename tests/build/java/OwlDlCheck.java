// What Protégé does when it opens a file: parse it with the OWL API, check the OWL 2 DL profile, and
// classify with HermiT. Run by tests/test_owl_dl.py against the jars that owlready2 ships.
// Usage: java OwlDlCheck FILE.owl   — prints a report; exit 0 when DL, consistent and all satisfiable.
import java.io.File;
import java.util.Set;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWL2RLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlDlCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        System.out.println("axioms: " + ontology.getAxiomCount());
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
        System.exit(report.getViolations().isEmpty() && consistent && unsatisfiable == 0 ? 0 : 1);
    }
}
