package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's text/template parser: builds the node tree from the tokens and rejects at parse time
 * what Go rejects there (unknown functions, undeclared variables, {@code break} outside
 * {@code range}, unbalanced {@code end}/{@code else}, ...), with Go's messages.
 */
final class Parser {

    private final String name;
    private final String source;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final Map<String, List<Node>> definitions = new LinkedHashMap<>();
    private int index;
    private List<String> vars = new ArrayList<>(List.of("$"));
    private int rangeDepth;

    /** The end of an item list: {{end}} or {{else}} (which may be followed by if/with). */
    private record Delimiter(Token.Kind kind, int pos) {
    }

    private Parser(String name, String source, Set<String> functions) {
        this.name = name;
        this.source = source;
        this.tokens = Lexer.tokenize(source);
        this.functions = functions;
    }

    /**
     * @param name      the template's name, used in messages (Ollama's templates are named "")
     * @param functions the names a command may call
     */
    static ParsedTemplate parse(String name, String source, Set<String> functions) {
        Parser parser = new Parser(name, source, functions);
        List<Node> root = parser.parseRoot();
        return new ParsedTemplate(source, root, parser.definitions);
    }

    private List<Node> parseRoot() {
        List<Node> root = new ArrayList<>();
        while (peek().kind() != Token.Kind.EOF) {
            if (peek().kind() == Token.Kind.LEFT_DELIM) {
                int mark = index;
                next();
                if (nextNonSpace().kind() == Token.Kind.DEFINE) {
                    parseDefinition();
                    continue;
                }
                index = mark;
            }
            Object item = textOrAction();
            if (item instanceof Delimiter d) {
                throw error(d.pos(), "unexpected " + (d.kind() == Token.Kind.END ? "{{end}}" : "{{else}}"));
            }
            root.add((Node) item);
        }
        return root;
    }

    private void parseDefinition() {
        String context = "define clause";
        Token nameToken = nextNonSpace();
        if (nameToken.kind() != Token.Kind.STRING && nameToken.kind() != Token.Kind.RAW_STRING) {
            throw unexpected(nameToken, context);
        }
        String definedName = unquote(nameToken);
        expect(Token.Kind.RIGHT_DELIM, context);
        List<String> savedVars = vars;
        int savedDepth = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        List<Node> body = new ArrayList<>();
        Delimiter end = itemList(body);
        if (end.kind() != Token.Kind.END) {
            throw error(end.pos(), "unexpected {{else}} in " + context);
        }
        vars = savedVars;
        rangeDepth = savedDepth;
        define(definedName, body, nameToken.pos());
    }

    /** Go keeps a non-empty definition over an empty one and refuses two non-empty ones. */
    private void define(String definedName, List<Node> body, int pos) {
        List<Node> existing = definitions.get(definedName);
        if (existing == null || isEmptyTree(existing)) {
            definitions.put(definedName, List.copyOf(body));
        } else if (!isEmptyTree(body)) {
            throw error(pos, "template: multiple definition of template " + GoQuote.quote(definedName, false));
        }
    }

    private static boolean isEmptyTree(List<Node> body) {
        return body.stream().allMatch(n -> n instanceof Node.Text t && t.text().isBlank());
    }

    /** Parses items until {{end}} or {{else}}, which it returns. */
    private Delimiter itemList(List<Node> into) {
        while (peekNonSpace().kind() != Token.Kind.EOF) {
            Object item = textOrAction();
            if (item instanceof Delimiter d) {
                return d;
            }
            into.add((Node) item);
        }
        throw error(peek().pos(), "unexpected EOF");
    }

    private Object textOrAction() {
        Token token = nextNonSpace();
        return switch (token.kind()) {
            case TEXT -> new Node.Text(token.text(), token.pos());
            case LEFT_DELIM -> action();
            default -> throw unexpected(token, "input");
        };
    }

    private Object action() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case BLOCK -> {
                return blockControl();
            }
            case BREAK, CONTINUE -> {
                String word = token.kind() == Token.Kind.BREAK ? "break" : "continue";
                Token close = nextNonSpace();
                if (close.kind() != Token.Kind.RIGHT_DELIM) {
                    throw unexpected(close, "{{" + word + "}}");
                }
                if (rangeDepth == 0) {
                    throw error(token.pos(), "{{" + word + "}} outside {{range}}");
                }
                return token.kind() == Token.Kind.BREAK ? new Node.Break(token.pos()) : new Node.Continue(token.pos());
            }
            case ELSE -> {
                // "{{else if" and "{{else with" leave the if/with for the enclosing control.
                Token after = peekNonSpace();
                if (after.kind() != Token.Kind.IF && after.kind() != Token.Kind.WITH) {
                    expect(Token.Kind.RIGHT_DELIM, "else");
                }
                return new Delimiter(Token.Kind.ELSE, token.pos());
            }
            case END -> {
                expect(Token.Kind.RIGHT_DELIM, "end");
                return new Delimiter(Token.Kind.END, token.pos());
            }
            case IF, RANGE, WITH -> {
                return control(token);
            }
            case TEMPLATE -> {
                return templateControl();
            }
            default -> {
                backup();
                return new Node.Action(pipeline("command", Token.Kind.RIGHT_DELIM), token.pos());
            }
        }
    }

    private Node control(Token keyword) {
        String context = keyword.text();
        int mark = vars.size();
        Pipeline pipe = pipeline(context, Token.Kind.RIGHT_DELIM);
        boolean isRange = keyword.kind() == Token.Kind.RANGE;
        if (isRange) {
            rangeDepth++;
        }
        List<Node> body = new ArrayList<>();
        Delimiter next = itemList(body);
        if (isRange) {
            rangeDepth--;
        }
        List<Node> elseBody = null;
        if (next.kind() == Token.Kind.ELSE) {
            Token.Kind chained = peek().kind();
            if ((keyword.kind() == Token.Kind.IF && chained == Token.Kind.IF)
                    || (keyword.kind() == Token.Kind.WITH && chained == Token.Kind.WITH)) {
                // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing the last {{end}}.
                Token nested = next();
                elseBody = List.of(control(nested));
            } else {
                elseBody = new ArrayList<>();
                Delimiter end = itemList(elseBody);
                if (end.kind() != Token.Kind.END) {
                    throw error(end.pos(), "expected end; found {{else}}");
                }
            }
        }
        vars = new ArrayList<>(vars.subList(0, mark));
        return switch (keyword.kind()) {
            // Go places a control structure at its pipeline.
            case IF -> new Node.If(pipe, body, elseBody, pipe.pos());
            case WITH -> new Node.With(pipe, body, elseBody, pipe.pos());
            default -> new Node.Range(pipe, body, elseBody, pipe.pos());
        };
    }

    private Node blockControl() {
        String context = "block clause";
        Token nameToken = nextNonSpace();
        String blockName = templateName(nameToken, context);
        Pipeline pipe = pipeline(context, Token.Kind.RIGHT_DELIM);
        List<String> savedVars = vars;
        int savedDepth = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        List<Node> body = new ArrayList<>();
        Delimiter end = itemList(body);
        if (end.kind() != Token.Kind.END) {
            throw error(end.pos(), "unexpected {{else}} in " + context);
        }
        vars = savedVars;
        rangeDepth = savedDepth;
        define(blockName, body, nameToken.pos());
        return new Node.TemplateCall(blockName, pipe, nameToken.pos());
    }

    private Node templateControl() {
        String context = "template clause";
        Token nameToken = nextNonSpace();
        String calledName = templateName(nameToken, context);
        Pipeline pipe = null;
        if (nextNonSpace().kind() != Token.Kind.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Token.Kind.RIGHT_DELIM);
        }
        return new Node.TemplateCall(calledName, pipe, nameToken.pos());
    }

    private String templateName(Token token, String context) {
        if (token.kind() != Token.Kind.STRING && token.kind() != Token.Kind.RAW_STRING) {
            throw unexpected(token, context);
        }
        return unquote(token);
    }

    private Pipeline pipeline(String context, Token.Kind end) {
        int pos = peekNonSpace().pos();
        List<String> decl = new ArrayList<>();
        boolean isAssign = false;
        while (peekNonSpace().kind() == Token.Kind.VARIABLE) {
            int mark = index;
            Token variable = nextNonSpace();
            Token after = peekNonSpace();
            if (after.kind() == Token.Kind.ASSIGN || after.kind() == Token.Kind.DECLARE) {
                isAssign = after.kind() == Token.Kind.ASSIGN;
                nextNonSpace();
                decl.add(variable.text());
                vars.add(variable.text());
                break;
            } else if (after.kind() == Token.Kind.CHAR && after.text().equals(",")) {
                nextNonSpace();
                decl.add(variable.text());
                vars.add(variable.text());
                if (context.equals("range") && decl.size() < 2) {
                    Token.Kind k = peekNonSpace().kind();
                    if (k == Token.Kind.VARIABLE || k == Token.Kind.RIGHT_DELIM || k == Token.Kind.RIGHT_PAREN) {
                        continue;
                    }
                    throw error(after.pos(), "range can only initialize variables");
                }
                throw error(after.pos(), "too many declarations in " + context);
            } else {
                index = mark;
                break;
            }
        }
        List<Command> commands = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.kind() == end) {
                if (commands.isEmpty()) {
                    throw error(token.pos(), "missing value for " + context);
                }
                for (int i = 1; i < commands.size(); i++) {
                    Operand first = commands.get(i).args().getFirst();
                    if (first instanceof Operand.Bool || first instanceof Operand.Dot || first instanceof Operand.Nil
                            || first instanceof Operand.Number || first instanceof Operand.Str) {
                        throw error(first.pos(), "non executable command in pipeline stage " + (i + 1));
                    }
                }
                return new Pipeline(decl, isAssign, commands, pos);
            }
            switch (token.kind()) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                     LEFT_PAREN -> {
                    backup();
                    commands.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    private Command command() {
        int pos = peekNonSpace().pos();
        List<Operand> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Operand operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = next();
            if (token.kind() == Token.Kind.SPACE) {
                continue;
            }
            if (token.kind() == Token.Kind.RIGHT_DELIM || token.kind() == Token.Kind.RIGHT_PAREN) {
                backup();
            } else if (token.kind() != Token.Kind.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error(pos, "empty command");
        }
        return new Command(args, pos);
    }

    private Operand operand() {
        Operand node = term();
        if (node == null || peek().kind() != Token.Kind.FIELD) {
            return node;
        }
        int pos = peek().pos();
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Token.Kind.FIELD) {
            fields.add(next().text().substring(1));
        }
        return switch (node) {
            case Operand.Field f -> {
                List<String> all = new ArrayList<>(f.names());
                all.addAll(fields);
                yield new Operand.Field(all, f.pos());
            }
            case Operand.Variable v -> {
                List<String> all = new ArrayList<>(v.fields());
                all.addAll(fields);
                yield new Operand.Variable(v.name(), all, v.pos());
            }
            case Operand.Bool b -> throw error(pos, "unexpected . after term " + GoQuote.quote(Syntax.of(node), false));
            case Operand.Str s -> throw error(pos, "unexpected . after term " + GoQuote.quote(Syntax.of(node), false));
            case Operand.Number n -> throw error(pos, "unexpected . after term " + GoQuote.quote(Syntax.of(node), false));
            case Operand.Nil n -> throw error(pos, "unexpected . after term " + GoQuote.quote(Syntax.of(node), false));
            case Operand.Dot d -> throw error(pos, "unexpected . after term " + GoQuote.quote(Syntax.of(node), false));
            default -> new Operand.Chain(node, fields, pos);
        };
    }

    private Operand term() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case IDENTIFIER -> {
                if (!functions.contains(token.text())) {
                    throw error(token.pos(), "function " + GoQuote.quote(token.text(), false) + " not defined");
                }
                return new Operand.Identifier(token.text(), token.pos());
            }
            case DOT -> {
                return new Operand.Dot(token.pos());
            }
            case NIL -> {
                return new Operand.Nil(token.pos());
            }
            case VARIABLE -> {
                if (!vars.contains(token.text())) {
                    throw error(token.pos(), "undefined variable " + GoQuote.quote(token.text(), false));
                }
                return new Operand.Variable(token.text(), List.of(), token.pos());
            }
            case FIELD -> {
                return new Operand.Field(List.of(token.text().substring(1)), token.pos());
            }
            case BOOL -> {
                return new Operand.Bool(token.text().equals("true"), token.pos());
            }
            case NUMBER -> {
                try {
                    return new Operand.Number(token.text(), GoLiterals.number(token.text()), token.pos());
                } catch (GoLiterals.SyntaxException e) {
                    throw error(token.pos(), e.getMessage());
                }
            }
            case CHAR_CONSTANT -> {
                try {
                    return new Operand.Number(token.text(), (long) GoLiterals.unquoteRune(token.text()), token.pos());
                } catch (GoLiterals.SyntaxException e) {
                    throw error(token.pos(), e.getMessage());
                }
            }
            case LEFT_PAREN -> {
                return new Operand.Parenthesized(pipeline("parenthesized pipeline", Token.Kind.RIGHT_PAREN), token.pos());
            }
            case STRING, RAW_STRING -> {
                return new Operand.Str(token.text(), unquote(token), token.pos());
            }
            default -> {
                backup();
                return null;
            }
        }
    }

    private String unquote(Token token) {
        try {
            return GoLiterals.unquote(token.text());
        } catch (GoLiterals.SyntaxException e) {
            throw error(token.pos(), e.getMessage());
        }
    }

    private void expect(Token.Kind kind, String context) {
        Token token = nextNonSpace();
        if (token.kind() != kind) {
            throw unexpected(token, context);
        }
    }

    private Token next() {
        Token token = tokens.get(Math.min(index, tokens.size() - 1));
        index++;
        if (token.kind() == Token.Kind.ERROR) {
            throw error(token.pos(), token.text());
        }
        return token;
    }

    private void backup() {
        index--;
    }

    private Token peek() {
        Token token = next();
        backup();
        return token;
    }

    private Token nextNonSpace() {
        Token token;
        do {
            token = next();
        } while (token.kind() == Token.Kind.SPACE);
        return token;
    }

    private Token peekNonSpace() {
        Token token = nextNonSpace();
        backup();
        return token;
    }

    private GoTemplateException unexpected(Token token, String context) {
        return error(token.pos(), "unexpected " + token.describe() + " in " + context);
    }

    private GoTemplateException error(int pos, String message) {
        return SourcePositions.parseError(name, source, pos, message);
    }
}
