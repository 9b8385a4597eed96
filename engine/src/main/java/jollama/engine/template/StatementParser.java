package jollama.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the statement tree from the token stream: text, {@code {{ }}} output and the
 * {@code {% %}} tags transformers' environment knows (for, if, set, macro, break/continue from
 * the loopcontrols extension, generation from its AssistantTracker). Any other tag is rejected
 * with its name and position.
 */
final class StatementParser {

    /** Tags Jinja has that this interpreter does not implement: named in the error. */
    private static final Set<String> UNSUPPORTED = Set.of("call", "filter", "raw", "include", "import", "from",
            "extends", "block", "with", "do", "autoescape", "trans");

    private final TokenStream in;
    private final ExpressionParser expressions;
    /** Enclosing loops in the current macro or template body; break/continue need one. */
    private int loopDepth;

    private StatementParser(TokenStream in) {
        this.in = in;
        this.expressions = new ExpressionParser(in);
    }

    static List<Node> parse(List<Token> tokens, Source source) {
        StatementParser parser = new StatementParser(new TokenStream(tokens, source));
        Body body = parser.body(null, Set.of());
        return body.nodes;
    }

    /** A parsed body and the end tag that closed it (null at end of template). */
    private record Body(List<Node> nodes, String endTag) { }

    /**
     * Parses until one of {@code endTags} opens a block; consumes "{%" and the tag name and
     * leaves the rest of that tag to the caller. {@code opener} names the block being closed.
     */
    private Body body(Token opener, Set<String> endTags) {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Token t = in.next();
            switch (t.type()) {
                case TEXT -> nodes.add(new Node.Text(t.text()));
                case VARIABLE_BEGIN -> {
                    Expr e = expressions.tuple(true);
                    in.expect(Token.Type.VARIABLE_END, "'}}'");
                    nodes.add(new Node.Output(e, t.pos()));
                }
                case BLOCK_BEGIN -> {
                    Token name = in.expect(Token.Type.NAME, "a tag name");
                    if (endTags.contains(name.text())) {
                        return new Body(nodes, name.text());
                    }
                    nodes.add(statement(name));
                }
                case EOF -> {
                    if (opener != null) {
                        String closing = endTags.stream().filter(n -> n.startsWith("end")).findFirst().orElseThrow();
                        throw in.fail("'" + opener.text() + "' is never closed: missing '" + closing + "'", opener);
                    }
                    return new Body(nodes, null);
                }
                default -> throw in.fail("unexpected " + t.describe(), t);
            }
        }
    }

    private Node statement(Token name) {
        return switch (name.text()) {
            case "for" -> forLoop(name);
            case "if" -> ifChain(name);
            case "set" -> set(name);
            case "macro" -> macro(name);
            case "generation" -> generation(name);
            case "break", "continue" -> loopControl(name);
            default -> {
                if (UNSUPPORTED.contains(name.text())) {
                    throw in.fail("unsupported tag '" + name.text() + "'", name);
                }
                throw in.fail("unexpected tag '" + name.text() + "'", name);
            }
        };
    }

    private Node forLoop(Token opener) {
        Node.Target target = target(false);
        in.expectName("in");
        Expr iterable = expressions.tuple(false);
        Expr filter = in.skipName("if") ? expressions.expression() : null;
        if (in.peek().isName("recursive")) {
            throw in.fail("unsupported construct: recursive for loop", in.peek());
        }
        endOfTag();
        loopDepth++;
        Body body = body(opener, Set.of("endfor", "else"));
        loopDepth--;
        List<Node> elseBody = List.of();
        endOfTag();
        if (body.endTag.equals("else")) {
            elseBody = body(opener, Set.of("endfor")).nodes;
            endOfTag();
        }
        return new Node.For(target, iterable, filter, body.nodes, elseBody, opener.pos());
    }

    private Node ifChain(Token opener) {
        List<Expr> conditions = new ArrayList<>();
        List<List<Node>> bodies = new ArrayList<>();
        List<Node> elseBody = List.of();
        conditions.add(expressions.tuple(false));
        while (true) {
            endOfTag();
            Body body = body(opener, Set.of("elif", "else", "endif"));
            bodies.add(body.nodes);
            switch (body.endTag) {
                case "elif" -> conditions.add(expressions.tuple(false));
                case "else" -> {
                    endOfTag();
                    elseBody = body(opener, Set.of("endif")).nodes;
                    endOfTag();
                    return new Node.If(conditions, bodies, elseBody);
                }
                default -> {
                    endOfTag();
                    return new Node.If(conditions, bodies, elseBody);
                }
            }
        }
    }

    private Node set(Token opener) {
        Node.Target target = target(true);
        if (in.skipOperator("=")) {
            Expr value = expressions.tuple(true);
            endOfTag();
            return new Node.Set(target, value, opener.pos());
        }
        if (!(target instanceof Node.Target.Name(String name))) {
            throw in.fail("a block set needs a single variable name", opener);
        }
        if (in.peek().isOperator("|")) {
            throw in.fail("unsupported construct: filter on a block set", in.peek());
        }
        endOfTag();
        int outerLoops = loopDepth;
        loopDepth = 0;
        Body body = body(opener, Set.of("endset"));
        loopDepth = outerLoops;
        endOfTag();
        return new Node.SetBlock(name, body.nodes);
    }

    private Node macro(Token opener) {
        String name = in.expect(Token.Type.NAME, "a macro name").text();
        in.expectOperator("(");
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        while (!in.skipOperator(")")) {
            if (!params.isEmpty()) {
                in.expectOperator(",");
                if (in.skipOperator(")")) {
                    break;
                }
            }
            params.add(in.expect(Token.Type.NAME, "a parameter name").text());
            defaults.add(in.skipOperator("=") ? expressions.expression() : null);
        }
        endOfTag();
        int outerLoops = loopDepth;
        loopDepth = 0;
        Body body = body(opener, Set.of("endmacro"));
        loopDepth = outerLoops;
        endOfTag();
        return new Node.Macro(name, params, defaults, body.nodes);
    }

    private Node generation(Token opener) {
        endOfTag();
        Body body = body(opener, Set.of("endgeneration"));
        endOfTag();
        return new Node.Generation(body.nodes);
    }

    private Node loopControl(Token name) {
        if (loopDepth == 0) {
            throw in.fail("'" + name.text() + "' outside of a loop", name);
        }
        endOfTag();
        return name.text().equals("break") ? new Node.Break() : new Node.Continue();
    }

    /** {@code name}, {@code a, b}, {@code (a, b)} or, for set, {@code ns.attr}. */
    private Node.Target target(boolean allowAttribute) {
        boolean parenthesized = in.skipOperator("(");
        Token first = in.expect(Token.Type.NAME, "a variable name");
        if (!parenthesized && allowAttribute && in.skipOperator(".")) {
            Token attribute = in.expect(Token.Type.NAME, "an attribute name");
            return new Node.Target.Attribute(first.text(), attribute.text());
        }
        List<String> names = new ArrayList<>(List.of(first.text()));
        boolean tuple = false;
        while (in.skipOperator(",")) {
            tuple = true;
            if (in.peek().type() != Token.Type.NAME || in.peek().isName("in")) {
                break;
            }
            names.add(in.next().text());
        }
        if (parenthesized) {
            in.expectOperator(")");
        }
        return tuple ? new Node.Target.Tuple(names) : new Node.Target.Name(first.text());
    }

    private void endOfTag() {
        in.expect(Token.Type.BLOCK_END, "'%}'");
    }
}
