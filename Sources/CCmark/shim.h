#ifndef VLMBOT_CCMARK_SHIM_H
#define VLMBOT_CCMARK_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/* The GFM extension node types are exported by libcmark-gfm-extensions but
   declared in no installed header. Swift 6 rejects reading mutable C globals,
   so each is read through a static inline function. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

static inline cmark_node_type vlmbot_node_table(void) { return CMARK_NODE_TABLE; }
static inline cmark_node_type vlmbot_node_table_row(void) { return CMARK_NODE_TABLE_ROW; }
static inline cmark_node_type vlmbot_node_table_cell(void) { return CMARK_NODE_TABLE_CELL; }
static inline cmark_node_type vlmbot_node_strikethrough(void) { return CMARK_NODE_STRIKETHROUGH; }

#endif
