//! `#[node(name = "...", category = "...", description = "...")]`: gives a struct its node metadata
//! and registers it with the kit's crate-wide collection, so no list of nodes is kept by hand.
//! Without `description`, the struct's doc comment (its first paragraph) is the description.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::{
    Error, Expr, ExprArray, ExprLit, ItemStruct, Lit, LitStr, Meta, MetaNameValue, Token,
    parse::Parser, parse_macro_input, punctuated::Punctuated,
};

const PORT_TYPES: [&str; 5] = ["audio", "json", "text", "bytes", "any"];

#[derive(Default)]
struct Args {
    name: Option<LitStr>,
    category: Option<LitStr>,
    description: Option<LitStr>,
    inputs: Option<Vec<LitStr>>,
    outputs: Option<Vec<LitStr>>,
}

#[proc_macro_attribute]
pub fn node(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = parse_macro_input!(item as ItemStruct);
    match expand(attr.into(), &item) {
        Ok(tokens) => tokens.into(),
        Err(err) => {
            let err = err.to_compile_error();
            quote!(#item #err).into()
        }
    }
}

fn expand(
    attr: proc_macro2::TokenStream,
    item: &ItemStruct,
) -> syn::Result<proc_macro2::TokenStream> {
    let args = parse_args(attr)?;
    let missing = |what: &str| {
        Error::new(
            Span::call_site(),
            format!("#[node] needs {what} (name, category and description are required)"),
        )
    };
    let name = args.name.ok_or_else(|| missing("`name = \"...\"`"))?;
    let category = args
        .category
        .ok_or_else(|| missing("`category = \"...\"`"))?;
    let description = args
        .description
        .or_else(|| doc_summary(item))
        .ok_or_else(|| missing("`description = \"...\"` or a doc comment on the struct"))?;
    let audio = || vec![LitStr::new("audio: audio", Span::call_site())];
    let inputs = ports(&args.inputs.unwrap_or_else(audio))?;
    let outputs = ports(&args.outputs.unwrap_or_else(audio))?;
    let ident = &item.ident;
    Ok(quote! {
        #item
        impl ::remotemedia_node_kit::Described for #ident {
            const NAME: &'static str = #name;
            const CATEGORY: &'static str = #category;
            const DESCRIPTION: &'static str = #description;
            const INPUTS: &'static [::remotemedia_node_kit::PortSpec] = &[#(#inputs),*];
            const OUTPUTS: &'static [::remotemedia_node_kit::PortSpec] = &[#(#outputs),*];
        }
        ::remotemedia_node_kit::inventory::submit! {
            ::remotemedia_node_kit::Registration::of::<#ident>(env!("CARGO_CRATE_NAME"))
        }
    })
}

/// The first paragraph of the struct's doc comment, its lines joined by spaces, so the rustdoc
/// summary and the published description are one text.
fn doc_summary(item: &ItemStruct) -> Option<LitStr> {
    let lines = item.attrs.iter().filter_map(|attr| match &attr.meta {
        Meta::NameValue(MetaNameValue {
            path,
            value:
                Expr::Lit(ExprLit {
                    lit: Lit::Str(line),
                    ..
                }),
            ..
        }) if path.is_ident("doc") => Some(line.value()),
        _ => None,
    });
    let summary: Vec<String> = lines
        .flat_map(|doc| {
            // `split`, not `lines`: an empty `///` line is the paragraph break.
            doc.split('\n')
                .map(|line| line.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .skip_while(String::is_empty)
        .take_while(|line| !line.is_empty())
        .collect();
    (!summary.is_empty()).then(|| LitStr::new(&summary.join(" "), Span::call_site()))
}

fn parse_args(attr: proc_macro2::TokenStream) -> syn::Result<Args> {
    let mut args = Args::default();
    let pairs = Punctuated::<MetaNameValue, Token![,]>::parse_terminated.parse2(attr)?;
    for pair in pairs {
        let key = pair
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            "name" => args.name = Some(string(&pair.value)?),
            "category" => args.category = Some(string(&pair.value)?),
            "description" => args.description = Some(string(&pair.value)?),
            "inputs" => args.inputs = Some(strings(&pair.value)?),
            "outputs" => args.outputs = Some(strings(&pair.value)?),
            _ => {
                return Err(Error::new_spanned(
                    &pair.path,
                    "unknown #[node] key; expected name, category, description, inputs, outputs",
                ));
            }
        }
    }
    Ok(args)
}

fn string(expr: &Expr) -> syn::Result<LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) if !s.value().trim().is_empty() => Ok(s.clone()),
        _ => Err(Error::new_spanned(
            expr,
            "expected a non-empty string literal",
        )),
    }
}

fn strings(expr: &Expr) -> syn::Result<Vec<LitStr>> {
    match expr {
        Expr::Array(ExprArray { elems, .. }) => elems.iter().map(string).collect(),
        _ => Err(Error::new_spanned(
            expr,
            "expected [\"name: type - description\", ...]",
        )),
    }
}

/// `"name: type - description"` (the description is optional) to a `PortSpec` literal.
fn ports(specs: &[LitStr]) -> syn::Result<Vec<proc_macro2::TokenStream>> {
    specs
        .iter()
        .map(|spec| {
            let text = spec.value();
            let (name, rest) = text.split_once(':').ok_or_else(|| {
                Error::new_spanned(spec, "a port is \"name: type - description\"")
            })?;
            let (kind, description) = match rest.split_once(" - ") {
                Some((k, d)) => (k.trim(), Some(d.trim().to_owned())),
                None => (rest.trim(), None),
            };
            if !PORT_TYPES.contains(&kind) {
                return Err(Error::new_spanned(
                    spec,
                    format!("port type must be one of {PORT_TYPES:?}, got {kind:?}"),
                ));
            }
            let name = name.trim();
            let description = match description {
                Some(d) => quote!(Some(#d)),
                None => quote!(None),
            };
            Ok(quote!(::remotemedia_node_kit::PortSpec { name: #name, kind: #kind, description: #description }))
        })
        .collect()
}
